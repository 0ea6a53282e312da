package io.tusk.catalog;

import static io.tusk.catalog.CatalogContext.PG_COLLATION;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Collations: libc, ICU (nondeterministic ones too) and, since PostgreSQL 17, builtin. */
final class CollationReader {
    private CollationReader() {
    }

    static List<DumpObject> read(CatalogContext ctx) throws SQLException {
        List<DumpObject> out = new ArrayList<>();
        // PostgreSQL 12-14 keep an ICU locale in collcollate; 15 added colliculocale, which 17 renamed colllocale
        // (also used by the builtin provider). 16 added ICU tailoring rules (collicurules).
        String locale = ctx.atLeast(17) ? "c.colllocale" : ctx.atLeast(15) ? "c.colliculocale" : "NULL::text";
        String rules = ctx.atLeast(16) ? "c.collicurules" : "NULL::text";
        ctx.query("SELECT c.oid, c.collname, n.nspname, pg_catalog.pg_get_userbyid(c.collowner) AS owner, c.collprovider,"
                + " c.collisdeterministic, c.collcollate, c.collctype, " + locale + " AS locale, " + rules + " AS rules"
                + " FROM pg_catalog.pg_collation c JOIN pg_catalog.pg_namespace n ON n.oid = c.collnamespace"
                + " WHERE " + CatalogContext.userSchema("n.nspname") + " AND " + CatalogContext.notExtensionMember("pg_collation", "c.oid")
                + " ORDER BY n.nspname, c.collname", rs -> {
            long oid = rs.getLong("oid");
            String schema = rs.getString("nspname");
            String name = rs.getString("collname");
            String q = Sql.qualified(schema, name);
            char provider = rs.getString("collprovider").charAt(0);
            StringBuilder defn = new StringBuilder("CREATE COLLATION ").append(q).append(" (provider = ")
                    .append(switch (provider) {
                        case 'i' -> "icu";
                        case 'b' -> "builtin";
                        default -> "libc";
                    });
            if (!rs.getBoolean("collisdeterministic")) {
                defn.append(", deterministic = false");
            }
            String collate = rs.getString("collcollate");
            String ctype = rs.getString("collctype");
            if (provider == 'c') {
                if (collate != null && collate.equals(ctype)) {
                    defn.append(", locale = ").append(Sql.literal(collate));
                } else {
                    defn.append(", lc_collate = ").append(Sql.literal(collate)).append(", lc_ctype = ").append(Sql.literal(ctype));
                }
            } else {
                String icuLocale = rs.getString("locale") != null ? rs.getString("locale") : collate;
                defn.append(", locale = ").append(Sql.literal(icuLocale));
            }
            if (rs.getString("rules") != null) {
                defn.append(", rules = ").append(Sql.literal(rs.getString("rules")));
            }
            DumpObject collation = new DumpObject(new ObjectId(PG_COLLATION, oid), Kind.COLLATION, schema, name)
                    .owner(rs.getString("owner")).defn(defn.append(");\n").toString()).dropStmt("DROP COLLATION " + q + ";\n");
            ctx.attachComment(collation, PG_COLLATION, oid, 0, "COLLATION " + q);
            out.add(collation);
        });
        return out;
    }
}
