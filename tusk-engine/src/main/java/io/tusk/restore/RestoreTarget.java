package io.tusk.restore;

import io.tusk.archive.ArchiveEntry;
import java.io.IOException;

/**
 * Where a restore goes: a SQL script (what pg_dump -Fp and pg_restore -f write) or a live database. The restore
 * walks the archive once and tells the target what to run.
 */
interface RestoreTarget {
    /** Writes rows into a stream the target provides; the stream must not be closed by the writer. */
    @FunctionalInterface
    interface DataWriter {
        void writeTo(java.io.OutputStream sink) throws IOException;
    }

    /** A comment a script shows to its reader ("-- Name: film; Type: TABLE ..."); databases ignore it. */
    void comment(String text) throws IOException;

    /** Runs SQL for an entry. Returns false when it failed and the restore goes on (errors are counted). */
    boolean execute(ArchiveEntry entry, String sql) throws IOException;

    /** Runs statements one by one, for statements that cannot share a transaction (CREATE DATABASE). */
    default boolean executeEach(ArchiveEntry entry, java.util.List<String> statements) throws IOException {
        boolean ok = true;
        for (String s : statements) {
            ok &= execute(entry, s);
        }
        return ok;
    }

    /**
     * Runs a stream of SQL statements (data written as INSERTs, large object writes) without holding it all in
     * memory; in one transaction when asked (large object descriptors live only that long).
     */
    boolean executeStream(ArchiveEntry entry, DataWriter statements, boolean oneTransaction) throws IOException;

    /**
     * Loads COPY data: the statement, then the rows.
     *
     * @param intoNewTable the table was created by this restore and this is its only data: a database target may load
     *                     it with TRUNCATE and COPY ... FREEZE in one transaction, which PostgreSQL allows then
     */
    boolean copy(ArchiveEntry entry, String copyStmt, DataWriter rows, boolean intoNewTable) throws IOException;

    /** Switches to another database of the same server (after CREATE DATABASE). */
    void connect(String database) throws IOException;

    /** Session settings that only make a live restore faster, never less durable; scripts leave them out. */
    default void tuneSession() throws IOException {
    }

    /** The database restored into now (after --create, the new one); null for a script. */
    String database() throws IOException;

    /**
     * Lets the target commit several entries at once, each still undone alone when it fails (a database target
     * saves a WAL flush per entry); off commits what is pending. Only while this connection alone restores: other
     * connections must not wait for objects it has not committed.
     */
    default void groupCommits(boolean on) throws IOException {
    }

    void beginTransaction() throws IOException;

    void commit() throws IOException;

    /** Errors ignored so far. */
    int errorCount();

    void close() throws IOException;
}
