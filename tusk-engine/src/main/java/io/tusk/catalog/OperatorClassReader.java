package io.tusk.catalog;

import static io.tusk.catalog.CatalogContext.PG_OPCLASS;
import static io.tusk.catalog.CatalogContext.PG_OPFAMILY;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Operator families and classes, as pg_dump writes them: every family first (CREATE OPERATOR FAMILY, plus ALTER ...
 * ADD for its loose members), then each class naming its family, with the members pg_depend binds to the class.
 */
final class OperatorClassReader {
    private OperatorClassReader() {
    }

    /** Members of families (deptype 'a' on pg_opfamily) and of classes (deptype 'i' on pg_opclass), by owner oid. */
    private static Map<ObjectId, List<String>> members(CatalogContext ctx) throws SQLException {
        Map<ObjectId, List<String>> members = new HashMap<>();
        ctx.query("SELECT d.refclassid, d.refobjid, 'OPERATOR ' || ao.amopstrategy || ' ' || ao.amopopr::pg_catalog.regoperator::text"
                + " || CASE WHEN ao.amoppurpose = 'o' THEN ' FOR ORDER BY ' || (SELECT pg_catalog.quote_ident(sn.nspname) || '.'"
                + "   || pg_catalog.quote_ident(sf.opfname) FROM pg_catalog.pg_opfamily sf JOIN pg_catalog.pg_namespace sn ON sn.oid = sf.opfnamespace"
                + "   WHERE sf.oid = ao.amopsortfamily) ELSE '' END AS member, 1 AS sort1, ao.amopstrategy AS sort2, ao.oid AS sort3"
                + " FROM pg_catalog.pg_amop ao JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_amop'::pg_catalog.regclass AND d.objid = ao.oid"
                + " WHERE d.refclassid IN ('pg_catalog.pg_opclass'::pg_catalog.regclass, 'pg_catalog.pg_opfamily'::pg_catalog.regclass)"
                + "   AND d.deptype IN ('a', 'i') AND ao.oid >= 16384"
                + " UNION ALL SELECT d.refclassid, d.refobjid, 'FUNCTION ' || ap.amprocnum || ' (' || pg_catalog.format_type(ap.amproclefttype, NULL)"
                + "   || ', ' || pg_catalog.format_type(ap.amprocrighttype, NULL) || ') ' || ap.amproc::pg_catalog.regprocedure::text,"
                + "   2, ap.amprocnum, ap.oid"
                + " FROM pg_catalog.pg_amproc ap JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_amproc'::pg_catalog.regclass AND d.objid = ap.oid"
                + " WHERE d.refclassid IN ('pg_catalog.pg_opclass'::pg_catalog.regclass, 'pg_catalog.pg_opfamily'::pg_catalog.regclass)"
                + "   AND d.deptype IN ('a', 'i') AND ap.oid >= 16384"
                + " ORDER BY 1, 2, 4, 5, 6", rs ->
                members.computeIfAbsent(new ObjectId(rs.getLong(1), rs.getLong(2)), k -> new ArrayList<>()).add(rs.getString(3)));
        return members;
    }

    static List<DumpObject> read(CatalogContext ctx) throws SQLException {
        List<DumpObject> out = new ArrayList<>();
        Map<ObjectId, List<String>> members = members(ctx);
        ctx.query("SELECT f.oid, f.opfname, n.nspname, am.amname, pg_catalog.pg_get_userbyid(f.opfowner) AS owner"
                + " FROM pg_catalog.pg_opfamily f JOIN pg_catalog.pg_namespace n ON n.oid = f.opfnamespace"
                + " JOIN pg_catalog.pg_am am ON am.oid = f.opfmethod"
                + " WHERE " + CatalogContext.userSchema("n.nspname") + " AND " + CatalogContext.notExtensionMember("pg_opfamily", "f.oid")
                + " ORDER BY n.nspname, f.opfname, f.oid", rs -> {
            long oid = rs.getLong("oid");
            String schema = rs.getString("nspname");
            String name = rs.getString("opfname");
            String using = Sql.qualified(schema, name) + " USING " + Sql.ident(rs.getString("amname"));
            StringBuilder defn = new StringBuilder("CREATE OPERATOR FAMILY ").append(using).append(";\n");
            List<String> loose = members.getOrDefault(new ObjectId(PG_OPFAMILY, oid), List.of());
            if (!loose.isEmpty()) {
                defn.append("ALTER OPERATOR FAMILY ").append(using).append(" ADD\n    ").append(String.join(" ,\n    ", loose)).append(";\n");
            }
            DumpObject family = new DumpObject(new ObjectId(PG_OPFAMILY, oid), Kind.OPERATOR_FAMILY, schema, name)
                    .owner(rs.getString("owner")).defn(defn.toString()).dropStmt("DROP OPERATOR FAMILY " + using + ";\n");
            ctx.attachComment(family, PG_OPFAMILY, oid, 0, "OPERATOR FAMILY " + using);
            out.add(family);
        });
        ctx.query("SELECT c.oid, c.opcname, n.nspname, am.amname, pg_catalog.pg_get_userbyid(c.opcowner) AS owner, c.opcdefault,"
                + " pg_catalog.format_type(c.opcintype, NULL) AS intype, c.opcfamily,"
                + " CASE WHEN c.opckeytype <> 0 THEN pg_catalog.format_type(c.opckeytype, NULL) END AS keytype,"
                + " (SELECT pg_catalog.quote_ident(fn.nspname) || '.' || pg_catalog.quote_ident(f.opfname) FROM pg_catalog.pg_opfamily f"
                + "   JOIN pg_catalog.pg_namespace fn ON fn.oid = f.opfnamespace WHERE f.oid = c.opcfamily) AS family"
                + " FROM pg_catalog.pg_opclass c JOIN pg_catalog.pg_namespace n ON n.oid = c.opcnamespace"
                + " JOIN pg_catalog.pg_am am ON am.oid = c.opcmethod"
                + " WHERE " + CatalogContext.userSchema("n.nspname") + " AND " + CatalogContext.notExtensionMember("pg_opclass", "c.oid")
                + " ORDER BY n.nspname, c.opcname, c.oid", rs -> {
            long oid = rs.getLong("oid");
            String schema = rs.getString("nspname");
            String name = rs.getString("opcname");
            String q = Sql.qualified(schema, name);
            String am = Sql.ident(rs.getString("amname"));
            List<String> items = new ArrayList<>();
            if (rs.getString("keytype") != null) {
                items.add("STORAGE " + rs.getString("keytype"));
            }
            items.addAll(members.getOrDefault(new ObjectId(PG_OPCLASS, oid), List.of()));
            if (items.isEmpty()) {
                // CREATE OPERATOR CLASS needs one item; STORAGE of the input type changes nothing.
                items.add("STORAGE " + rs.getString("intype"));
            }
            String defn = "CREATE OPERATOR CLASS " + q + "\n    " + (rs.getBoolean("opcdefault") ? "DEFAULT " : "") + "FOR TYPE "
                    + rs.getString("intype") + " USING " + am + " FAMILY " + rs.getString("family") + " AS\n    "
                    + String.join(" ,\n    ", items) + ";\n";
            ObjectId family = new ObjectId(PG_OPFAMILY, rs.getLong("opcfamily"));
            DumpObject opclass = new DumpObject(new ObjectId(PG_OPCLASS, oid), Kind.OPERATOR_CLASS, schema, name)
                    .owner(rs.getString("owner")).defn(defn).dropStmt("DROP OPERATOR CLASS " + q + " USING " + am + ";\n")
                    .dependsOn(family);
            ctx.attachComment(opclass, PG_OPCLASS, oid, 0, "OPERATOR CLASS " + q + " USING " + am);
            out.add(opclass);
        });
        return out;
    }
}
