package io.tusk.catalog;

import static io.tusk.catalog.CatalogContext.PG_CLASS;
import static io.tusk.catalog.CatalogContext.PG_NAMESPACE;
import static io.tusk.catalog.CatalogContext.PG_PUBLICATION;
import static io.tusk.catalog.CatalogContext.PG_PUBLICATION_NAMESPACE;
import static io.tusk.catalog.CatalogContext.PG_PUBLICATION_REL;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Publications, then each published table (with its column list and row filter) and schema as its own entry, as
 * pg_dump writes them, so that a table left out of the dump leaves out its membership only.
 */
final class PublicationReader {
    private PublicationReader() {
    }

    static List<DumpObject> read(CatalogContext ctx) throws SQLException {
        List<DumpObject> out = new ArrayList<>();
        Map<Long, DumpObject> publications = new HashMap<>();
        // PostgreSQL 13 added publish_via_partition_root; 18 added publish_generated_columns ('n'one or 's'tored).
        String viaRoot = ctx.atLeast(13) ? "p.pubviaroot" : "false";
        String generated = ctx.atLeast(18) ? "p.pubgencols::text" : "'n'::text";
        ctx.query("SELECT p.oid, p.pubname, pg_catalog.pg_get_userbyid(p.pubowner) AS owner, p.puballtables, p.pubinsert, p.pubupdate,"
                + " p.pubdelete, p.pubtruncate, " + viaRoot + " AS pubviaroot, " + generated + " AS pubgencols"
                + " FROM pg_catalog.pg_publication p ORDER BY p.pubname", rs -> {
            long oid = rs.getLong("oid");
            String name = rs.getString("pubname");
            String q = Sql.ident(name);
            List<String> publish = new ArrayList<>();
            for (String action : List.of("insert", "update", "delete", "truncate")) {
                if (rs.getBoolean("pub" + action)) {
                    publish.add(action);
                }
            }
            StringBuilder defn = new StringBuilder("CREATE PUBLICATION ").append(q).append(rs.getBoolean("puballtables") ? " FOR ALL TABLES" : "")
                    .append(" WITH (publish = ").append(Sql.literal(String.join(", ", publish)));
            if (rs.getBoolean("pubviaroot")) {
                defn.append(", publish_via_partition_root = true");
            }
            if ("s".equals(rs.getString("pubgencols"))) {
                defn.append(", publish_generated_columns = stored");
            }
            DumpObject publication = new DumpObject(new ObjectId(PG_PUBLICATION, oid), Kind.PUBLICATION, null, name)
                    .owner(rs.getString("owner")).defn(defn.append(");\n").toString()).dropStmt("DROP PUBLICATION " + q + ";\n");
            ctx.attachComment(publication, PG_PUBLICATION, oid, 0, "PUBLICATION " + q);
            publications.put(oid, publication);
            out.add(publication);
        });
        if (publications.isEmpty()) {
            return out;
        }
        // PostgreSQL 15 added row filters (prqual), column lists (prattrs) and schemas in publications.
        String filter = ctx.atLeast(15) ? "pg_catalog.pg_get_expr(r.prqual, r.prrelid)" : "NULL::text";
        String columns = ctx.atLeast(15)
                ? "(SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY x.ord) FROM pg_catalog.unnest(r.prattrs)"
                  + " WITH ORDINALITY AS x(attnum, ord) JOIN pg_catalog.pg_attribute a ON a.attrelid = r.prrelid AND a.attnum = x.attnum)"
                : "NULL::text";
        ctx.query("SELECT r.oid, r.prpubid, r.prrelid, c.relname, n.nspname, " + filter + " AS filter, " + columns + " AS columns"
                + " FROM pg_catalog.pg_publication_rel r JOIN pg_catalog.pg_class c ON c.oid = r.prrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace ORDER BY n.nspname, c.relname", rs -> {
            DumpObject publication = publications.get(rs.getLong("prpubid"));
            String table = Sql.qualified(rs.getString("nspname"), rs.getString("relname"));
            String pub = Sql.ident(publication.name());
            StringBuilder defn = new StringBuilder("ALTER PUBLICATION ").append(pub).append(" ADD TABLE ONLY ").append(table);
            if (rs.getString("columns") != null) {
                defn.append(" (").append(rs.getString("columns")).append(")");
            }
            if (rs.getString("filter") != null) {
                defn.append(" WHERE (").append(rs.getString("filter")).append(")");
            }
            ObjectId tableId = new ObjectId(PG_CLASS, rs.getLong("prrelid"));
            out.add(new DumpObject(new ObjectId(PG_PUBLICATION_REL, rs.getLong("oid")), Kind.PUBLICATION_TABLE, rs.getString("nspname"),
                    rs.getString("relname")).tag(publication.name() + " " + rs.getString("relname")).owner(publication.owner())
                    // no drop statement, as pg_dump (dumpPublicationTable): pg_restore sets owners only of entries
                    // that have one, and pg_restore 18 fails on this type ("don't know how to set owner")
                    .defn(defn.append(";\n").toString())
                    .belongsTo(tableId).dependsOn(tableId).dependsOn(publication.id()));
        });
        if (!ctx.atLeast(15)) {
            return out;
        }
        ctx.query("SELECT pn.oid, pn.pnpubid, pn.pnnspid, n.nspname FROM pg_catalog.pg_publication_namespace pn"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = pn.pnnspid ORDER BY n.nspname", rs -> {
            DumpObject publication = publications.get(rs.getLong("pnpubid"));
            String pub = Sql.ident(publication.name());
            String schema = Sql.ident(rs.getString("nspname"));
            ObjectId schemaId = new ObjectId(PG_NAMESPACE, rs.getLong("pnnspid"));
            out.add(new DumpObject(new ObjectId(PG_PUBLICATION_NAMESPACE, rs.getLong("oid")), Kind.PUBLICATION_TABLES_IN_SCHEMA,
                    rs.getString("nspname"), rs.getString("nspname")).tag(publication.name() + " " + rs.getString("nspname"))
                    .owner(publication.owner()).defn("ALTER PUBLICATION " + pub + " ADD TABLES IN SCHEMA " + schema + ";\n")
                    .belongsTo(schemaId).dependsOn(schemaId).dependsOn(publication.id()));
        });
        return out;
    }
}
