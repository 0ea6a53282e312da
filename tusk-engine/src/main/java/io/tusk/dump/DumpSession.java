package io.tusk.dump;

import io.tusk.TuskException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The dump's transaction: the same guarantees as pg_dump. One REPEATABLE READ, READ ONLY transaction gives every
 * query the same snapshot; ACCESS SHARE locks on the dumped tables do not block writers but make a concurrent
 * DROP or ALTER TABLE wait until the dump ends.
 */
final class DumpSession {
    private final Connection connection;
    private final DumpOptions options;
    private int serverVersionNum;
    private String serverVersion;
    private String databaseName;

    private DumpSession(Connection connection, DumpOptions options) {
        this.connection = connection;
        this.options = options;
    }

    static DumpSession begin(Connection connection, DumpOptions options) throws SQLException {
        DumpSession session = new DumpSession(connection, options);
        setUpSession(connection);
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            try (ResultSet rs = s.executeQuery("SELECT pg_catalog.current_setting('server_version_num')::int,"
                    + " pg_catalog.current_setting('server_version'), pg_catalog.current_database()")) {
                rs.next();
                session.serverVersionNum = rs.getInt(1);
                session.serverVersion = rs.getString(2).split(" ")[0];
                session.databaseName = rs.getString(3);
            }
        }
        return session;
    }

    /** Output formats that do not depend on the source's settings, as pg_dump sets them: dates restore anywhere. */
    private static void setUpSession(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement s = connection.createStatement()) {
            s.execute("SET statement_timeout = 0");
            s.execute("SET lock_timeout = 0");
            s.execute("SET idle_in_transaction_session_timeout = 0");
            s.execute("SET DateStyle = ISO");
            s.execute("SET IntervalStyle = postgres");
            s.execute("SET extra_float_digits = 3");
            s.execute("SET synchronize_seqscans = off");
            s.execute("SET row_security = off");
            s.execute("SET quote_all_identifiers = off");
            s.execute("SELECT pg_catalog.set_config('search_path', '', false)");
        }
    }

    /**
     * The leader's snapshot, for workers to share: pg_export_snapshot() keeps it importable while this transaction
     * stays open.
     */
    String exportSnapshot() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_catalog.pg_export_snapshot()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A worker's transaction: same settings, and the leader's snapshot, which must be set before any query. */
    static void joinSnapshot(Connection worker, String snapshot) throws SQLException {
        setUpSession(worker);
        worker.setAutoCommit(false);
        try (Statement s = worker.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            s.execute("SET TRANSACTION SNAPSHOT " + io.tusk.catalog.Sql.literal(snapshot));
        }
    }

    int serverVersionNum() {
        return serverVersionNum;
    }

    String serverVersion() {
        return serverVersion;
    }

    String databaseName() {
        return databaseName;
    }

    /** Locks every table the dump reads, all at once, waiting at most --lock-wait-timeout. */
    void lockTables(ObjectSelection selection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT n.nspname, c.relname FROM pg_catalog.pg_class c"
                     + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')"
                     + " AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' ORDER BY 1, 2")) {
            while (rs.next()) {
                if (selection.relationSelected(rs.getString(1), rs.getString(2))) {
                    tables.add(io.tusk.catalog.Sql.qualified(rs.getString(1), rs.getString(2)));
                }
            }
        }
        if (tables.isEmpty()) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            if (options.lockWaitTimeout != null) {
                s.execute("SET lock_timeout = " + io.tusk.catalog.Sql.literal(options.lockWaitTimeout));
            }
            for (int from = 0; from < tables.size(); from += 500) {
                String batch = String.join(", ", tables.subList(from, Math.min(tables.size(), from + 500)));
                try {
                    s.execute("LOCK TABLE " + batch + " IN ACCESS SHARE MODE");
                } catch (SQLException e) {
                    if ("55P03".equals(e.getSQLState())) {
                        throw new TuskException("could not lock the tables to dump within --lock-wait-timeout="
                                + options.lockWaitTimeout + ": another session holds a conflicting lock (" + e.getMessage()
                                + "); retry later or raise the timeout", e);
                    }
                    throw e;
                }
            }
            if (options.lockWaitTimeout != null) {
                s.execute("SET lock_timeout = 0");
            }
        }
    }

    static TuskException translate(SQLException e) {
        return new TuskException("query failed during the dump: " + e.getMessage(), e);
    }
}
