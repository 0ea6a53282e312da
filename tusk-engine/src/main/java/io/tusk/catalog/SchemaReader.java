package io.tusk.catalog;

import static io.tusk.catalog.CatalogContext.PG_NAMESPACE;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Schemas, except the system ones and those an extension created. */
final class SchemaReader {
    private SchemaReader() {
    }

    static List<DumpObject> read(CatalogContext ctx) throws SQLException {
        List<DumpObject> out = new ArrayList<>();
        ctx.query("SELECT n.oid, n.nspname, pg_catalog.pg_get_userbyid(n.nspowner) AS owner, n.nspowner, "
                + Acl.exploded("n.nspacl") + " AS acl FROM pg_catalog.pg_namespace n"
                + " WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'"
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_namespace'::regclass"
                + " AND d.objid = n.oid AND d.deptype = 'e') ORDER BY n.nspname", rs -> {
            long oid = rs.getLong("oid");
            String name = rs.getString("nspname");
            String owner = rs.getString("owner");
            String q = Sql.ident(name);
            DumpObject schema = new DumpObject(new ObjectId(PG_NAMESPACE, oid), Kind.SCHEMA, null, name).owner(owner);
            if (name.equals("public")) {
                // initdb creates public: as pg_dump, the entry says so in SQL comments, which still lets pg_restore
                // derive the ALTER SCHEMA ... OWNER TO that restores a changed owner.
                schema.defn("-- *not* creating schema, since initdb creates it\n")
                        .dropStmt("-- *not* dropping schema, since initdb creates it\n");
                String comment = ctx.comment(PG_NAMESPACE, oid, 0);
                if (comment != null && !comment.equals("standard public schema")) {
                    schema.attach("COMMENT", "SCHEMA public", "COMMENT ON SCHEMA public IS " + Sql.literal(comment) + ";\n");
                }
            } else {
                schema.defn("CREATE SCHEMA " + q + ";\n").dropStmt("DROP SCHEMA " + q + ";\n");
                ctx.attachComment(schema, PG_NAMESPACE, oid, 0, "SCHEMA " + q);
            }
            String grants = Acl.statements("SCHEMA " + q, Sql.ident(owner), CatalogContext.stringArray(rs, "acl"), null);
            if (!grants.isEmpty()) {
                schema.attach("ACL", "SCHEMA " + name, grants);
            }
            out.add(schema);
        });
        return out;
    }
}
