package io.tusk.testing;

import io.tusk.embedded.EmbeddedPostgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Decides whether two databases hold the same thing, the way {@code tools/compare-db} of the shared directory
 * does: the schema through stock {@code pg_dump --schema-only}, normalized; the rows of every table through
 * a count and an md5 of its rows' text, sorted. Large objects are compared too (owner, ACL, md5 of the content),
 * which a schema-only dump leaves out.
 *
 * <pre>{@code
 * DatabaseComparator.assertIdentical(pg, "source", "restored");
 * }</pre>
 */
public final class DatabaseComparator {
    /**
     * Header lines that differ between any two dumps: the random {@code \restrict} key (17.6, 18.0), versions,
     * and {@code -- Name: ...; Owner: X}, as ownership is compared through the ALTER ... OWNER statements.
     */
    private static final Pattern UNSTABLE_LINE = Pattern.compile("^(\\\\restrict|\\\\unrestrict|-- Dumped (from|by)|-- PostgreSQL database dump|-- Name: ).*");
    private static final String TABLES = "SELECT format('%I.%I', n.nspname, c.relname), c.relkind = 'm' AND NOT c.relispopulated"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND n.nspname NOT LIKE 'pg_toast%' ORDER BY 1";
    private static final String LARGE_OBJECTS = "(large objects)";
    private static final String LARGE_OBJECTS_QUERY = "SELECT count(*) || ':' || coalesce(md5(string_agg(x, E'\\n' ORDER BY x)), '')"
            + " FROM (SELECT m.oid::text || ' ' || pg_get_userbyid(m.lomowner) || ' ' || coalesce(m.lomacl::text, '')"
            + " || ' ' || md5(lo_get(m.oid)) AS x FROM pg_largeobject_metadata m) s";

    private DatabaseComparator() {
    }

    /** Compares two databases of one server. */
    public static Comparison compare(EmbeddedPostgres pg, String sourceDb, String targetDb) {
        return compare(pg, sourceDb, pg, targetDb);
    }

    /**
     * Compares databases of two servers with the stock pg_dump for the newer one. Across majors the schema
     * dumps may differ where the servers do (e.g. a default a newer server shows), which this reports as is.
     */
    public static Comparison compare(EmbeddedPostgres sourcePg, String sourceDb, EmbeddedPostgres targetPg, String targetDb) {
        StockClient client = StockClient.forServer(Math.max(sourcePg.major(), targetPg.major()));
        List<String> schemaDiff = LineDiff.diff(schema(client, sourcePg, sourceDb), schema(client, targetPg, targetDb));
        Map<String, String> sourceRows = rowDigests(sourcePg, sourceDb);
        Map<String, String> targetRows = rowDigests(targetPg, targetDb);
        List<String> differing = new ArrayList<>();
        TreeSet<String> tables = new TreeSet<>(sourceRows.keySet());
        tables.addAll(targetRows.keySet());
        for (String table : tables) {
            String a = sourceRows.getOrDefault(table, "missing");
            String b = targetRows.getOrDefault(table, "missing");
            if (!a.equals(b)) {
                differing.add(table + " (" + a + " vs " + b + ")");
            }
        }
        return new Comparison(sourcePg.uri(sourceDb), targetPg.uri(targetDb), schemaDiff, differing, tables.size());
    }

    /** Fails with the summary and the first lines of the diff unless both databases are identical. */
    public static void assertIdentical(EmbeddedPostgres pg, String sourceDb, String targetDb) {
        Comparison result = compare(pg, sourceDb, targetDb);
        if (!result.identical()) {
            throw new AssertionError(result.toString());
        }
    }

    /** The stock schema-only dump, without the lines that differ between any two dumps. */
    static List<String> schema(StockClient client, EmbeddedPostgres pg, String database) {
        String dump = client.tool("pg_dump").args("--schema-only", pg.uri(database)).run().stdout();
        if (dump.isEmpty()) {
            throw new IllegalStateException("stock pg_dump " + client.major() + " wrote an empty schema for " + pg.uri(database));
        }
        return normalize(dump);
    }

    static List<String> normalize(String dump) {
        return dump.lines().filter(l -> !UNSTABLE_LINE.matcher(l).matches()).toList();
    }

    /** Per table {@code count:md5} of its rows' text, sorted, as compare-db computes it; plus the large objects. */
    static Map<String, String> rowDigests(EmbeddedPostgres pg, String database) {
        Map<String, String> digests = new LinkedHashMap<>();
        try (Connection c = pg.connect(database); Statement s = c.createStatement()) {
            Map<String, Boolean> tables = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery(TABLES)) {
                while (rs.next()) {
                    tables.put(rs.getString(1), rs.getBoolean(2));
                }
            }
            for (Map.Entry<String, Boolean> table : tables.entrySet()) {
                // An unpopulated materialized view cannot be read; that it is unpopulated is what must match.
                digests.put(table.getKey(), table.getValue() ? "not populated" : single(s,
                        "SELECT count(*) || ':' || coalesce(md5(string_agg(x, E'\\n' ORDER BY x)), '') FROM (SELECT t::text AS x FROM "
                                + table.getKey() + " t) s"));
            }
            digests.put(LARGE_OBJECTS, single(s, LARGE_OBJECTS_QUERY));
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the rows of " + pg.uri(database) + ": " + e.getMessage(), e);
        }
        return digests;
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
