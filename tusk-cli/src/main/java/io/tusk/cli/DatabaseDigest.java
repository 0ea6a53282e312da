package io.tusk.cli;

import io.tusk.dump.DumpOptions;
import io.tusk.dump.Dumper;
import io.tusk.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the demo compares: the schema as Tusk dumps it, and for every table its row count and an md5 over its rows
 * in a stable order (the same check as ../shared/tools/compare-db, without needing psql).
 */
final class DatabaseDigest {
    private final String schema;
    private final Map<String, String> tables;
    private final long rows;

    private DatabaseDigest(String schema, Map<String, String> tables, long rows) {
        this.schema = schema;
        this.tables = tables;
        this.rows = rows;
    }

    static DatabaseDigest of(EmbeddedPostgres pg, String database) throws Exception {
        DumpOptions schemaOnly = new DumpOptions();
        schemaOnly.schemaOnly = true;
        ByteArrayOutputStream script = new ByteArrayOutputStream();
        Map<String, String> tables = new LinkedHashMap<>();
        long rows = 0;
        try (Connection c = pg.connect(database)) {
            new Dumper(schemaOnly).dump(c, script);
            c.setAutoCommit(true);
            List<String> names = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT format('%I.%I', n.nspname, c.relname) FROM pg_catalog.pg_class c"
                         + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'm')"
                         + " AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' ORDER BY 1")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String table : names) {
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT count(*), coalesce(md5(string_agg(x, E'\\n' ORDER BY x)), '')"
                             + " FROM (SELECT t::text AS x FROM " + table + " t) s")) {
                    rs.next();
                    rows += rs.getLong(1);
                    tables.put(table, rs.getLong(1) + ":" + rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read " + database + ": " + e.getMessage(), e);
        }
        return new DatabaseDigest(script.toString(java.nio.charset.StandardCharsets.UTF_8), tables, rows);
    }

    int tableCount() {
        return tables.size();
    }

    long rowCount() {
        return rows;
    }

    /** Null when equal, else the first difference. */
    String differenceFrom(DatabaseDigest other) {
        if (!schema.equals(other.schema)) {
            return "the schemas differ";
        }
        for (Map.Entry<String, String> t : tables.entrySet()) {
            String theirs = other.tables.get(t.getKey());
            if (!t.getValue().equals(theirs)) {
                return "table " + t.getKey() + " differs (" + t.getValue() + " vs " + theirs + ")";
            }
        }
        if (!tables.keySet().equals(other.tables.keySet())) {
            return "the sets of tables differ";
        }
        return null;
    }
}
