package io.tusk.server.database;

import io.tusk.TuskException;
import io.tusk.connect.ConnectionFactory;
import io.tusk.server.api.ApiException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * Connects to a database before it is saved: the server version is recorded, and a user who cannot read every
 * table it is asked to back up is refused with the tables named (pg_dump would fail on the first one at 3 a.m.).
 */
final class DatabaseProbe {
    private static final int NAMED_TABLES = 10;

    record Result(String serverVersion) {
    }

    private DatabaseProbe() {
    }

    static Result probe(ConnectionFactory factory, Selection selection) {
        try (Connection c = open(factory)) {
            String version;
            try (ResultSet r = c.createStatement().executeQuery("SELECT current_setting('server_version')")) {
                r.next();
                version = r.getString(1);
            }
            List<String> unreadable = unreadable(c, selection);
            if (!unreadable.isEmpty()) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "user", "the user \"" + factory.spec().user()
                        + "\" cannot read " + String.join(", ", unreadable.subList(0, Math.min(NAMED_TABLES, unreadable.size())))
                        + (unreadable.size() > NAMED_TABLES ? " and " + (unreadable.size() - NAMED_TABLES) + " more" : "")
                        + ": GRANT SELECT on them (or pg_read_all_data on PostgreSQL 14+), or exclude them from the backup");
            }
            return new Result(version);
        } catch (SQLException e) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "connection", "connected, but could not read the catalogs: " + e.getMessage());
        }
    }

    private static Connection open(ConnectionFactory factory) {
        try {
            return factory.open();
        } catch (TuskException e) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "connection", e.getMessage());
        }
    }

    /** Tables, views and sequences in the selected schemas (exact names; patterns are checked by the dump itself). */
    private static List<String> unreadable(Connection c, Selection selection) throws SQLException {
        String sql = """
                SELECT format('%I.%I', n.nspname, c.relname)
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
                  AND (cardinality(?::text[]) = 0 OR n.nspname = ANY (?::text[]))
                  AND NOT n.nspname = ANY (?::text[])
                  AND NOT has_table_privilege(c.oid, 'SELECT')
                ORDER BY 1""";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            Array schemas = c.createArrayOf("text", selection.schemas().toArray());
            s.setArray(1, schemas);
            s.setArray(2, schemas);
            s.setArray(3, c.createArrayOf("text", selection.excludeSchemas().toArray()));
            List<String> names = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    names.add(r.getString(1));
                }
            }
            return names;
        }
    }
}
