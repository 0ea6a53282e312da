package io.tusk.restore;

import io.tusk.TuskException;
import io.tusk.archive.ArchiveEntry;
import io.tusk.archive.PipelinedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Runs the restore against a live database. Each entry's SQL runs as one statement batch (all or nothing, as
 * pg_restore's PQexec); a failure is reported on the error stream and counted, or stops the restore when
 * --exit-on-error (or -1) asks so.
 *
 * <p>When the restore allows it ({@link #groupCommits}), entries are committed in groups rather than one by one: a
 * commit waits for the WAL to reach the disk, which for a thousand small tables is most of the restore. Each entry
 * still runs under its own savepoint, so a failing one is undone alone and the others stay, exactly as when each was
 * committed by itself; the group is committed before anything fails the restore, before the connection is closed
 * and before other connections need to see its objects.
 */
public final class DatabaseTarget implements RestoreTarget {
    /** Opens a connection to the named database of the same server (for --create). */
    @FunctionalInterface
    public interface Reconnector {
        Connection open(String database) throws SQLException;
    }

    private Connection connection;
    private final Reconnector reconnector;
    private final boolean stopOnFirstError;
    private final PrintStream errors;
    private final String program;
    private int errorCount;
    /** Entries may share a transaction (off for -1, for parallel workers, and until the database exists). */
    private boolean grouping;
    /** A group's transaction is open on the connection, holding the savepoint of the entry last run. */
    private boolean groupOpen;
    private int groupUnits;
    /** -1/--single-transaction: the caller's transaction, never committed by a group. */
    private boolean explicitTransaction;

    /**
     * Entries per group. Each entry that writes takes a subtransaction id, and a transaction with more than 64 of them
     * makes every other session's snapshot look them up in pg_subtrans; below that, grouping costs nobody anything.
     */
    static final int GROUP_UNITS = 48;
    /**
     * A group is committed once it is this old, whatever its size: its locks and its snapshot's hold on vacuum last
     * no longer than that while a slow archive source keeps the next entry waiting.
     */
    private static final long GROUP_NANOS = 1_000_000_000L;
    private long groupStarted;
    private static final String SAVEPOINT = "tusk_entry";

    public DatabaseTarget(Connection connection, Reconnector reconnector, boolean stopOnFirstError, PrintStream errors, String program) {
        this.connection = connection;
        this.reconnector = reconnector;
        this.stopOnFirstError = stopOnFirstError;
        this.errors = errors;
        this.program = program;
    }

    @Override
    public void comment(String text) {
    }

    @Override
    public boolean execute(ArchiveEntry entry, String sql) {
        try (Statement s = connection.createStatement()) {
            // the savepoint goes in the same round trip as the entry
            s.execute(openUnit() + sql);
            closeUnit();
            return true;
        } catch (SQLException e) {
            undoUnit();
            if (groupOpen) {
                return executeAlone(entry, sql);
            }
            return failed(entry, e, sql);
        }
    }

    /**
     * An entry that failed inside a group runs again after the group is committed, by itself, as it would have run
     * without groups; its error, if it fails again, is the one reported. Some failures come from the group itself:
     * statements PostgreSQL refuses in a transaction block, an enum label added earlier in the group, a shared lock
     * table filled by the locks of the entries before it (triggers and keys on partitioned tables lock every
     * partition). The first attempt was rolled back to its savepoint, so running it again repeats nothing.
     */
    private boolean executeAlone(ArchiveEntry entry, String sql) {
        return outsideGroups(() -> execute(entry, sql));
    }

    /** Work that must not share a group's transaction. */
    @FunctionalInterface
    private interface Alone<T, E extends Exception> {
        T run() throws E;
    }

    /** Commits the open group, then runs the work with each statement committed by itself. */
    private <T, E extends Exception> T outsideGroups(Alone<T, E> work) throws E {
        boolean was = grouping;
        groupCommits(false);
        try {
            return work.run();
        } finally {
            grouping = was;
        }
    }

    @Override
    public void groupCommits(boolean on) {
        if (!on) {
            commitGroup();
        }
        grouping = on;
    }

    /**
     * Starts an entry: opens the group's transaction if needed and returns the SQL that sets the entry's savepoint
     * (releasing the previous entry's, which keeps the savepoints one level deep); empty outside a group.
     */
    private String openUnit() throws SQLException {
        if (!grouping || explicitTransaction) {
            return "";
        }
        if (!groupOpen) {
            connection.setAutoCommit(false);
            groupOpen = true;
            groupStarted = System.nanoTime();
            // Deferred constraints are checked at each statement's end, as they would be at its commit alone.
            return "SET CONSTRAINTS ALL IMMEDIATE;\nSAVEPOINT " + SAVEPOINT + ";\n";
        }
        return "RELEASE SAVEPOINT " + SAVEPOINT + ";\nSAVEPOINT " + SAVEPOINT + ";\n";
    }

    private void closeUnit() {
        if (groupOpen && (++groupUnits >= GROUP_UNITS || System.nanoTime() - groupStarted >= GROUP_NANOS)) {
            commitGroup();
        }
    }

    /** After an entry failed: undoes what it did and nothing before it. */
    private void undoUnit() {
        if (!groupOpen) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            s.execute("ROLLBACK TO SAVEPOINT " + SAVEPOINT);
        } catch (SQLException e) {
            // the connection is gone: the next statement or the commit reports it
        }
        groupUnits++;
    }

    /** Commits the entries run since the last commit. */
    private void commitGroup() {
        if (!groupOpen) {
            return;
        }
        groupOpen = false;
        groupUnits = 0;
        try {
            connection.commit();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new TuskException("could not commit the entries restored last: " + e.getMessage()
                    + "\nThe database holds the entries committed before them; restore again into an empty database.", e);
        }
    }

    /** Statements run together, up to about this many characters, to save round trips. */
    private static final int STATEMENT_BATCH = 256 * 1024;

    @Override
    public boolean executeStream(ArchiveEntry entry, DataWriter statements, boolean oneTransaction) throws IOException {
        // its statements run in batches of their own, retried one by one on failure
        return outsideGroups(() -> streamStatements(entry, statements, oneTransaction));
    }

    private boolean streamStatements(ArchiveEntry entry, DataWriter statements, boolean oneTransaction) throws IOException {
        java.io.PipedInputStream pipe = new java.io.PipedInputStream(1 << 16);
        java.io.PipedOutputStream feed = new java.io.PipedOutputStream(pipe);
        java.util.concurrent.CompletableFuture<Void> writer = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try (feed) {
                statements.writeTo(feed);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        boolean ok = true;
        try {
            boolean wasAutoCommit = !explicitTransaction;
            if (oneTransaction && wasAutoCommit) {
                connection.setAutoCommit(false);
            }
            SqlStatementSplitter splitter = new SqlStatementSplitter(pipe);
            java.util.List<String> batch = new java.util.ArrayList<>();
            int size = 0;
            String statement;
            while ((statement = splitter.next()) != null) {
                batch.add(statement);
                size += statement.length();
                if (size >= STATEMENT_BATCH) {
                    ok &= executeBatch(entry, batch, oneTransaction);
                    batch.clear();
                    size = 0;
                }
            }
            ok &= executeBatch(entry, batch, oneTransaction);
            if (oneTransaction && wasAutoCommit) {
                if (ok) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            return failed(entry, e, "(statements of " + entry.displayName() + ")");
        } finally {
            pipe.close();
        }
        try {
            writer.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof java.io.UncheckedIOException io) {
                throw io.getCause();
            }
            throw e;
        }
        return ok;
    }

    /**
     * Runs statements in one round trip; when that fails outside a transaction, runs them one by one so that only
     * the failing statements are lost and counted, as pg_restore (which sends them one by one) would.
     */
    private boolean executeBatch(ArchiveEntry entry, java.util.List<String> batch, boolean inTransaction) {
        if (batch.isEmpty()) {
            return true;
        }
        try (Statement s = connection.createStatement()) {
            s.execute(String.join("\n", batch));
            return true;
        } catch (SQLException e) {
            if (inTransaction || batch.size() == 1) {
                return failed(entry, e, batch.get(0));
            }
        }
        boolean ok = true;
        for (String one : batch) {
            ok &= execute(entry, one);
        }
        return ok;
    }

    /**
     * Rows up to this size go into a new table with a plain COPY: TRUNCATE makes a new file for the table and syncs
     * it at commit, which for a small table costs more than writing its rows frozen saves.
     */
    static final int FREEZE_FROM_BYTES = 1 << 20;

    @Override
    public boolean copy(ArchiveEntry entry, String copyStmt, DataWriter rows, boolean intoNewTable) throws IOException {
        boolean freeze = intoNewTable && !explicitTransaction;
        if (!freeze && entry.defn() != null && entry.defn().startsWith("-- load via partition root")) {
            // rows sent through the root may lock every partition: a load that cannot be replayed does not
            // share the lock table with a group (see executeAlone)
            return outsideGroups(() -> copyRows(entry, copyStmt, rows));
        }
        if (!freeze) {
            return copyRows(entry, copyStmt, rows);
        }
        FreezingSink sink = new FreezingSink(entry, copyStmt);
        try {
            rows.writeTo(sink);
            return sink.finish();
        } catch (IOException | RuntimeException e) {
            sink.abandon();
            if (e.getCause() instanceof SQLException sql) {
                return failed(entry, sql, sink.statement());
            }
            throw e;
        }
    }

    /**
     * Holds the first {@link #FREEZE_FROM_BYTES} of a new table's rows. A table that ends before that is loaded with
     * a plain COPY; a larger one with TRUNCATE and COPY ... FREEZE in one transaction (PostgreSQL allows FREEZE into a
     * table truncated in the loading transaction; the table is new and empty, so nothing is lost), which writes the
     * rows frozen: no later hint-bit or vacuum rewrite of the whole table.
     */
    private final class FreezingSink extends OutputStream {
        private final ArchiveEntry entry;
        private final String copyStmt;
        private final String frozenStmt;
        private java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
        private PGCopyOutputStream copy;
        private PipelinedOutputStream pipeline;
        /** The frozen load's transaction is open (never the group's: a failure here must not undo other entries). */
        private boolean ownTransaction;

        FreezingSink(ArchiveEntry entry, String copyStmt) {
            this.entry = entry;
            this.copyStmt = copyStmt;
            String s = copyStmt.strip();
            this.frozenStmt = (s.endsWith(";") ? s.substring(0, s.length() - 1) : s) + " WITH (FREEZE);";
        }

        String statement() {
            return pipeline != null ? frozenStmt : copyStmt;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (pipeline != null) {
                pipeline.write(b, off, len);
                return;
            }
            head.write(b, off, len);
            if (head.size() >= FREEZE_FROM_BYTES) {
                startFrozen();
            }
        }

        private void startFrozen() throws IOException {
            String table = io.tusk.catalog.Sql.qualified(entry.namespace(), entry.tag());
            // a frozen load is its own transaction: TRUNCATE and COPY FREEZE must share it, alone
            commitGroup();
            try {
                connection.setAutoCommit(false);
                ownTransaction = true;
                try (Statement s = connection.createStatement()) {
                    s.execute("TRUNCATE ONLY " + table);
                }
                copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class), frozenStmt, 1 << 16);
            } catch (SQLException e) {
                throw new IOException(e.getMessage(), e);
            }
            pipeline = new PipelinedOutputStream(copy);
            head.writeTo(pipeline);
            head = null;
        }

        /** Ends the load: commits the frozen one, or sends a small table's rows with a plain COPY. */
        boolean finish() throws IOException {
            if (pipeline == null) {
                byte[] rows = head.toByteArray();
                head = null;
                return copyRows(entry, copyStmt, sink -> sink.write(rows));
            }
            pipeline.close();
            copy.close();
            try {
                connection.commit();
                ownTransaction = false;
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                throw new IOException(e.getMessage(), e);
            }
            return true;
        }

        /** After a failure: stops the load and rolls its transaction back. */
        void abandon() {
            if (pipeline != null) {
                pipeline.abandon();
            }
            if (copy != null) {
                cancel(copy);
            }
            try {
                if (ownTransaction) {
                    ownTransaction = false;
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
            } catch (SQLException ignored) {
                // a broken connection fails the next statement, which reports it
            }
        }
    }

    /**
     * Streams the rows into COPY ... FROM STDIN. Reading and decompressing the archive runs in this thread, sending
     * to the server in another (a bounded pipeline), so both cores work.
     */
    private boolean copyRows(ArchiveEntry entry, String copyStmt, DataWriter rows) throws IOException {
        PGCopyOutputStream copy;
        try {
            String unit = openUnit();
            if (!unit.isEmpty()) {
                try (Statement s = connection.createStatement()) {
                    s.execute(unit);
                }
            }
            copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class), copyStmt, 1 << 16);
        } catch (SQLException e) {
            undoUnit();
            return failed(entry, e, copyStmt);
        }
        PipelinedOutputStream pipeline = new PipelinedOutputStream(copy);
        try {
            rows.writeTo(pipeline);
            pipeline.close();
            copy.close();
            closeUnit();
            return true;
        } catch (IOException e) {
            pipeline.abandon();
            cancel(copy);
            undoUnit();
            if (e.getCause() instanceof SQLException sql) {
                return failed(entry, sql, copyStmt);
            }
            throw e;
        } catch (RuntimeException e) {
            pipeline.abandon();
            cancel(copy);
            undoUnit();
            throw e;
        }
    }

    /**
     * Loads one entry's rows over this target's connection and the helpers' at once: the rows are cut at line ends
     * (a raw newline only ends a row in COPY text) into runs of {@link SplitCopy#RUN_BYTES}, each run sent whole by
     * whichever connection is free. Every connection loads in its own transaction, all committed only when all
     * succeeded, so a failure leaves the table as empty as a failed single COPY would.
     */
    boolean copySplit(ArchiveEntry entry, String copyStmt, DataWriter rows, java.util.List<DatabaseTarget> helpers) throws IOException {
        commitGroup();
        java.util.List<Connection> connections = new java.util.ArrayList<>();
        connections.add(connection);
        helpers.forEach(h -> connections.add(h.connection));
        try {
            SplitCopy.load(connections, copyStmt, rows);
            return true;
        } catch (SQLException e) {
            return failed(entry, e, copyStmt);
        }
    }

    private static void cancel(PGCopyOutputStream copy) {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException ignored) {
            // the connection reports the original failure
        }
    }

    private boolean failed(ArchiveEntry entry, SQLException e, String sql) {
        errorCount++;
        String where = entry == null ? "" : " while processing " + entry.desc() + " " + (entry.namespace() == null ? "" : entry.namespace() + " ")
                + entry.tag() + " (entry " + entry.dumpId() + ")";
        String message = "could not execute query" + where + ": " + firstLine(e.getMessage());
        if (stopOnFirstError) {
            // what ran before the failing entry stays, as it would have been committed without groups
            commitGroup();
            throw new TuskException(message + "\nCommand was: " + abbreviate(sql), e);
        }
        errors.println(program + ": error: " + message);
        errors.println("Command was: " + abbreviate(sql));
        return false;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.strip();
    }

    private static String abbreviate(String sql) {
        String s = sql.strip();
        return s.length() > 500 ? s.substring(0, 500) + "..." : s;
    }

    @Override
    public void connect(String database) throws IOException {
        commitGroup();
        try {
            Connection next = reconnector.open(database);
            connection.close();
            connection = next;
        } catch (SQLException e) {
            throw new TuskException("could not connect to the new database \"" + database + "\": " + e.getMessage(), e);
        }
    }

    /** Index builds sort in memory up to this much, unless the server's setting is already higher. */
    private static final String MAINTENANCE_WORK_MEM = "256MB";

    /**
     * More memory for the index builds of post-data (a session setting, as pg_restore users pass in PGOPTIONS);
     * nothing that weakens durability (no fsync or synchronous_commit changes).
     */
    @Override
    public void tuneSession() {
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT pg_catalog.set_config('maintenance_work_mem', '" + MAINTENANCE_WORK_MEM + "', false)"
                    + " WHERE pg_catalog.current_setting('maintenance_work_mem')::text <> '" + MAINTENANCE_WORK_MEM + "'"
                    + " AND (SELECT setting::bigint * pg_catalog.pg_size_bytes('1' || coalesce(unit, 'B')) FROM pg_catalog.pg_settings"
                    + " WHERE name = 'maintenance_work_mem') < pg_catalog.pg_size_bytes('" + MAINTENANCE_WORK_MEM + "')");
        } catch (SQLException e) {
            // a tuning that cannot be applied changes nothing about the result
        }
        try (Statement s = connection.createStatement()) {
            // a group's transaction spans several entries: a role's transaction_timeout (PostgreSQL 17+) must not
            // cut it where single statements would have passed; pg_restore 17 clears it too
            if (connection.getMetaData().getDatabaseMajorVersion() >= 17) {
                s.execute("SET transaction_timeout = 0");
            }
        } catch (SQLException e) {
            // older servers have no such setting
        }
    }

    @Override
    public String database() {
        try {
            return connection.getCatalog();
        } catch (SQLException e) {
            throw new TuskException("could not tell which database is being restored: " + e.getMessage(), e);
        }
    }

    @Override
    public void beginTransaction() {
        commitGroup();
        explicitTransaction = true;
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new TuskException("could not start transaction: " + e.getMessage(), e);
        }
    }

    @Override
    public void commit() {
        explicitTransaction = false;
        try {
            connection.commit();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new TuskException("could not commit the restore: " + e.getMessage(), e);
        }
    }

    @Override
    public int errorCount() {
        return errorCount;
    }

    @Override
    public void close() throws IOException {
        try {
            // a restore that stops early keeps what it finished, as it would have without groups
            if (groupOpen) {
                try {
                    commitGroup();
                } catch (TuskException e) {
                    // the failure that stopped the restore is what matters
                }
            }
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            connection.close();
        } catch (SQLException ignored) {
            // closing after a failure: the failure is what matters
        }
    }
}
