package io.tusk.catalog;

import static io.tusk.catalog.CatalogContext.PG_DEFAULT_ACL;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** ALTER DEFAULT PRIVILEGES, global and per schema. */
final class DefaultAclReader {
    private DefaultAclReader() {
    }

    static List<DumpObject> read(CatalogContext ctx) throws SQLException {
        List<DumpObject> out = new ArrayList<>();
        ctx.query("SELECT d.oid, pg_catalog.pg_get_userbyid(d.defaclrole) AS role, n.nspname, d.defaclobjtype,"
                + " " + Acl.exploded("d.defaclacl") + " AS acl FROM pg_catalog.pg_default_acl d"
                + " LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace ORDER BY 2, 3, 4", rs -> {
            String kind = switch (rs.getString("defaclobjtype").charAt(0)) {
                case 'r' -> "TABLES";
                case 'S' -> "SEQUENCES";
                case 'f' -> "FUNCTIONS";
                case 'T' -> "TYPES";
                case 'n' -> "SCHEMAS";
                case 'L' -> "LARGE OBJECTS";
                default -> null;
            };
            String[] items = CatalogContext.stringArray(rs, "acl");
            if (kind == null || items == null) {
                return;
            }
            String role = rs.getString("role");
            String schema = rs.getString("nspname");
            String prefix = "ALTER DEFAULT PRIVILEGES FOR ROLE " + Sql.ident(role) + (schema == null ? "" : " IN SCHEMA " + Sql.ident(schema)) + " ";
            out.add(new DumpObject(new ObjectId(PG_DEFAULT_ACL, rs.getLong("oid")), Kind.DEFAULT_ACL, schema,
                    "DEFAULT PRIVILEGES FOR " + kind).owner(role)
                    .defn(Acl.defaultPrivileges(prefix, kind, Sql.ident(role), items, schema == null)));
        });
        return out;
    }
}
