package io.tusk.catalog;

import static io.tusk.catalog.CatalogContext.PG_CLASS;
import static io.tusk.catalog.CatalogContext.PG_STATISTIC_EXT;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Extended statistics objects; they follow their table's selection, as indexes do. */
final class StatisticsReader {
    private StatisticsReader() {
    }

    static List<DumpObject> read(CatalogContext ctx) throws SQLException {
        List<DumpObject> out = new ArrayList<>();
        // PostgreSQL 13 added ALTER STATISTICS ... SET STATISTICS (stxstattarget, -1 for the default); 17 made the
        // default NULL.
        String target = ctx.atLeast(13) ? "NULLIF(s.stxstattarget, -1)::int" : "NULL::int";
        ctx.query("SELECT s.oid, s.stxname, n.nspname, s.stxrelid, pg_catalog.pg_get_userbyid(s.stxowner) AS owner,"
                + " pg_catalog.pg_get_statisticsobjdef(s.oid) AS def, " + target + " AS target"
                + " FROM pg_catalog.pg_statistic_ext s JOIN pg_catalog.pg_namespace n ON n.oid = s.stxnamespace"
                + " WHERE " + CatalogContext.userSchema("n.nspname") + " AND " + CatalogContext.notExtensionMember("pg_statistic_ext", "s.oid")
                + " ORDER BY n.nspname, s.stxname", rs -> {
            long oid = rs.getLong("oid");
            String schema = rs.getString("nspname");
            String name = rs.getString("stxname");
            String q = Sql.qualified(schema, name);
            StringBuilder defn = new StringBuilder(rs.getString("def")).append(";\n");
            if (rs.getObject("target") != null) {
                defn.append("ALTER STATISTICS ").append(q).append(" SET STATISTICS ").append(rs.getInt("target")).append(";\n");
            }
            ObjectId tableId = new ObjectId(PG_CLASS, rs.getLong("stxrelid"));
            DumpObject statistics = new DumpObject(new ObjectId(PG_STATISTIC_EXT, oid), Kind.STATISTICS, schema, name)
                    .owner(rs.getString("owner")).defn(defn.toString()).dropStmt("DROP STATISTICS " + q + ";\n")
                    .belongsTo(tableId).dependsOn(tableId);
            ctx.attachComment(statistics, PG_STATISTIC_EXT, oid, 0, "STATISTICS " + q);
            out.add(statistics);
        });
        return out;
    }
}
