package io.tusk.catalog;

import static io.tusk.catalog.CatalogContext.PG_EXTENSION;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Extensions, except plpgsql, which every database has. Their member objects are never dumped one by one. */
final class ExtensionReader {
    private ExtensionReader() {
    }

    /**
     * Privileges on an extension's types that differ from those its script set (pg_init_privs), such as default
     * privileges in force at CREATE EXTENSION: set again after it. Other member kinds are not handled yet.
     */
    private static void addMemberTypeAcls(CatalogContext ctx, List<DumpObject> extensions) throws SQLException {
        java.util.Map<Long, DumpObject> byOid = new java.util.HashMap<>();
        extensions.forEach(e -> byOid.put(e.id().objOid(), e));
        ctx.query("SELECT d.refobjid, t.typname, n.nspname, pg_catalog.pg_get_userbyid(t.typowner) AS owner,"
                + " " + Acl.exploded("t.typacl") + " AS acl FROM pg_catalog.pg_type t"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
                + " JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.objid = t.oid AND d.deptype = 'e'"
                + " LEFT JOIN pg_catalog.pg_init_privs ip ON ip.classoid = 'pg_catalog.pg_type'::pg_catalog.regclass AND ip.objoid = t.oid"
                + "   AND ip.objsubid = 0"
                + " WHERE t.typacl IS NOT NULL AND t.typacl IS DISTINCT FROM ip.initprivs"
                // An array type shares its element type's privileges and refuses GRANT.
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type e WHERE e.typarray = t.oid) ORDER BY n.nspname, t.typname", rs -> {
            DumpObject extension = byOid.get(rs.getLong("refobjid"));
            if (extension == null) {
                return;
            }
            String q = Sql.qualified(rs.getString("nspname"), rs.getString("typname"));
            String grants = Acl.statements("TYPE " + q, Sql.ident(rs.getString("owner")), CatalogContext.stringArray(rs, "acl"), null);
            if (!grants.isEmpty()) {
                extension.attach("ACL", "TYPE " + rs.getString("typname"), grants);
            }
        });
    }

    static List<DumpObject> read(CatalogContext ctx) throws SQLException {
        List<DumpObject> out = new ArrayList<>();
        ctx.query("SELECT e.oid, e.extname, n.nspname FROM pg_catalog.pg_extension e"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql' ORDER BY e.extname", rs -> {
            String name = rs.getString("extname");
            String q = Sql.ident(name);
            DumpObject ext = new DumpObject(new ObjectId(PG_EXTENSION, rs.getLong("oid")), Kind.EXTENSION, null, name)
                    .defn("CREATE EXTENSION IF NOT EXISTS " + q + " WITH SCHEMA " + Sql.ident(rs.getString("nspname")) + ";\n")
                    .dropStmt("DROP EXTENSION " + q + ";\n");
            ctx.attachComment(ext, PG_EXTENSION, rs.getLong("oid"), 0, "EXTENSION " + q);
            out.add(ext);
        });
        addMemberTypeAcls(ctx, out);
        return out;
    }
}
