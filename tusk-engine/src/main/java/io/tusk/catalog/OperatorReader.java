package io.tusk.catalog;

import static io.tusk.catalog.CatalogContext.PG_OPERATOR;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Operators. The dump session's empty search_path makes regproc and format_type output schema-qualified. */
final class OperatorReader {
    private OperatorReader() {
    }

    static List<DumpObject> read(CatalogContext ctx) throws SQLException {
        List<DumpObject> out = new ArrayList<>();
        ctx.query("SELECT o.oid, o.oprname, n.nspname, pg_catalog.pg_get_userbyid(o.oprowner) AS owner, o.oprcode::pg_catalog.regproc AS func,"
                + " CASE WHEN o.oprleft <> 0 THEN pg_catalog.format_type(o.oprleft, NULL) END AS leftarg,"
                + " CASE WHEN o.oprright <> 0 THEN pg_catalog.format_type(o.oprright, NULL) END AS rightarg,"
                + " (SELECT 'OPERATOR(' || pg_catalog.quote_ident(cn.nspname) || '.' || co.oprname || ')' FROM pg_catalog.pg_operator co"
                + "   JOIN pg_catalog.pg_namespace cn ON cn.oid = co.oprnamespace WHERE co.oid = o.oprcom) AS commutator,"
                + " (SELECT 'OPERATOR(' || pg_catalog.quote_ident(nn.nspname) || '.' || no.oprname || ')' FROM pg_catalog.pg_operator no"
                + "   JOIN pg_catalog.pg_namespace nn ON nn.oid = no.oprnamespace WHERE no.oid = o.oprnegate) AS negator,"
                + " CASE WHEN o.oprrest <> 0 THEN o.oprrest::pg_catalog.regproc::text END AS restrict,"
                + " CASE WHEN o.oprjoin <> 0 THEN o.oprjoin::pg_catalog.regproc::text END AS joinsel, o.oprcanhash, o.oprcanmerge"
                + " FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace"
                + " WHERE " + CatalogContext.userSchema("n.nspname") + " AND " + CatalogContext.notExtensionMember("pg_operator", "o.oid")
                + " ORDER BY n.nspname, o.oprname, o.oid", rs -> {
            long oid = rs.getLong("oid");
            String schema = rs.getString("nspname");
            String name = rs.getString("oprname");
            String q = Sql.ident(schema) + "." + name;
            String left = rs.getString("leftarg");
            String right = rs.getString("rightarg");
            StringBuilder defn = new StringBuilder("CREATE OPERATOR ").append(q).append(" (\n    FUNCTION = ").append(rs.getString("func"));
            if (left != null) {
                defn.append(",\n    LEFTARG = ").append(left);
            }
            if (right != null) {
                defn.append(",\n    RIGHTARG = ").append(right);
            }
            appendOption(defn, "COMMUTATOR", rs.getString("commutator"));
            appendOption(defn, "NEGATOR", rs.getString("negator"));
            appendOption(defn, "RESTRICT", rs.getString("restrict"));
            appendOption(defn, "JOIN", rs.getString("joinsel"));
            if (rs.getBoolean("oprcanmerge")) {
                defn.append(",\n    MERGES");
            }
            if (rs.getBoolean("oprcanhash")) {
                defn.append(",\n    HASHES");
            }
            String signature = q + " (" + (left == null ? "NONE" : left) + ", " + (right == null ? "NONE" : right) + ")";
            DumpObject operator = new DumpObject(new ObjectId(PG_OPERATOR, oid), Kind.OPERATOR, schema, name)
                    .owner(rs.getString("owner")).defn(defn.append("\n);\n").toString()).dropStmt("DROP OPERATOR " + signature + ";\n");
            ctx.attachComment(operator, PG_OPERATOR, oid, 0, "OPERATOR " + signature);
            out.add(operator);
        });
        return out;
    }

    private static void appendOption(StringBuilder defn, String option, String value) {
        if (value != null) {
            defn.append(",\n    ").append(option).append(" = ").append(value);
        }
    }
}
