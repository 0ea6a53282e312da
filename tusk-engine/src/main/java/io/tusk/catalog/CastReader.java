package io.tusk.catalog;

import static io.tusk.catalog.CatalogContext.PG_CAST;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** User-defined casts. Casts have no owner and no schema; pg_dump's tag is "CAST (source AS target)". */
final class CastReader {
    private CastReader() {
    }

    static List<DumpObject> read(CatalogContext ctx) throws SQLException {
        List<DumpObject> out = new ArrayList<>();
        // PostgreSQL 14 creates a cast from each range to its multirange with the range type itself.
        String notMultirange = ctx.atLeast(14) ? " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_range r"
                + " WHERE r.rngtypid = c.castsource AND r.rngmultitypid = c.casttarget)" : "";
        ctx.query("SELECT c.oid, pg_catalog.format_type(c.castsource, NULL) AS source, pg_catalog.format_type(c.casttarget, NULL) AS target,"
                + " c.castmethod, c.castcontext, CASE WHEN c.castfunc <> 0 THEN c.castfunc::pg_catalog.regprocedure::text END AS func"
                + " FROM pg_catalog.pg_cast c WHERE c.oid >= 16384 AND " + CatalogContext.notExtensionMember("pg_cast", "c.oid")
                + notMultirange + " ORDER BY 2, 3", rs -> {
            long oid = rs.getLong("oid");
            String cast = "CAST (" + rs.getString("source") + " AS " + rs.getString("target") + ")";
            StringBuilder defn = new StringBuilder("CREATE ").append(cast).append(switch (rs.getString("castmethod").charAt(0)) {
                case 'b' -> " WITHOUT FUNCTION";
                case 'i' -> " WITH INOUT";
                default -> " WITH FUNCTION " + rs.getString("func");
            });
            switch (rs.getString("castcontext").charAt(0)) {
                case 'a' -> defn.append(" AS ASSIGNMENT");
                case 'i' -> defn.append(" AS IMPLICIT");
                default -> { }
            }
            DumpObject object = new DumpObject(new ObjectId(PG_CAST, oid), Kind.CAST, null, cast)
                    .defn(defn.append(";\n").toString()).dropStmt("DROP " + cast + ";\n");
            ctx.attachComment(object, PG_CAST, oid, 0, cast);
            out.add(object);
        });
        return out;
    }
}
