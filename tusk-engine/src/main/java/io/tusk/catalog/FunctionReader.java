package io.tusk.catalog;

import static io.tusk.catalog.CatalogContext.PG_PROC;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Functions, procedures and aggregates. The server writes functions' DDL (pg_get_functiondef); aggregates are built. */
final class FunctionReader {
    private FunctionReader() {
    }

    static List<DumpObject> read(CatalogContext ctx) throws SQLException {
        List<DumpObject> out = new ArrayList<>();
        ctx.query("SELECT p.oid, p.proname, n.nspname, p.prokind, p.proparallel, pg_catalog.pg_get_userbyid(p.proowner) AS owner,"
                + " " + Acl.exploded("p.proacl") + " AS acl,"
                + " pg_catalog.pg_get_function_identity_arguments(p.oid) AS identity_args,"
                + " pg_catalog.oidvectortypes(p.proargtypes) AS tag_args,"
                + " pg_catalog.pg_get_function_arguments(p.oid) AS args,"
                + " CASE WHEN p.prokind <> 'a' THEN pg_catalog.pg_get_functiondef(p.oid) END AS def,"
                + " a.aggkind, a.aggtransfn::pg_catalog.regproc::text AS sfunc, pg_catalog.format_type(a.aggtranstype, NULL) AS stype,"
                + " a.aggtransspace, CASE WHEN a.aggfinalfn <> 0 THEN a.aggfinalfn::pg_catalog.regproc::text END AS finalfunc,"
                + " a.aggfinalextra, CASE WHEN a.aggcombinefn <> 0 THEN a.aggcombinefn::pg_catalog.regproc::text END AS combinefunc,"
                + " CASE WHEN a.aggserialfn <> 0 THEN a.aggserialfn::pg_catalog.regproc::text END AS serialfunc,"
                + " CASE WHEN a.aggdeserialfn <> 0 THEN a.aggdeserialfn::pg_catalog.regproc::text END AS deserialfunc,"
                + " a.agginitval, CASE WHEN a.aggmtransfn <> 0 THEN a.aggmtransfn::pg_catalog.regproc::text END AS msfunc,"
                + " CASE WHEN a.aggminvtransfn <> 0 THEN a.aggminvtransfn::pg_catalog.regproc::text END AS minvfunc,"
                + " CASE WHEN a.aggmtranstype <> 0 THEN pg_catalog.format_type(a.aggmtranstype, NULL) END AS mstype, a.aggmtransspace,"
                + " CASE WHEN a.aggmfinalfn <> 0 THEN a.aggmfinalfn::pg_catalog.regproc::text END AS mfinalfunc, a.aggmfinalextra,"
                + " a.aggminitval, a.aggfinalmodify, a.aggmfinalmodify,"
                + " (SELECT 'OPERATOR(' || pg_catalog.quote_ident(opn.nspname) || '.' || o.oprname || ')' FROM pg_catalog.pg_operator o"
                + "   JOIN pg_catalog.pg_namespace opn ON opn.oid = o.oprnamespace WHERE o.oid = a.aggsortop) AS sortop"
                + " FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
                + " LEFT JOIN pg_catalog.pg_aggregate a ON a.aggfnoid = p.oid"
                + " WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'"
                // Extension members, and functions a type made for itself (a range's constructors: internal dependency).
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_proc'::regclass"
                + "   AND d.objid = p.oid AND d.deptype IN ('e', 'i'))"
                + " ORDER BY n.nspname, p.proname, p.oid", rs -> {
            long oid = rs.getLong("oid");
            String schema = rs.getString("nspname");
            String name = rs.getString("proname");
            char prokind = rs.getString("prokind").charAt(0);
            Kind kind = switch (prokind) {
                case 'p' -> Kind.PROCEDURE;
                case 'a' -> Kind.AGGREGATE;
                default -> Kind.FUNCTION;
            };
            String signature = Sql.qualified(schema, name) + "(" + rs.getString("identity_args") + ")";
            String defn = kind == Kind.AGGREGATE ? aggregate(rs, Sql.qualified(schema, name)) : rs.getString("def").stripTrailing() + ";\n";
            DumpObject fn = new DumpObject(new ObjectId(PG_PROC, oid), kind, schema, name)
                    .tag(name + "(" + rs.getString("tag_args") + ")")
                    .owner(rs.getString("owner"))
                    .defn(defn)
                    .dropStmt("DROP " + kind.desc() + " " + signature + ";\n");
            ctx.attachComment(fn, PG_PROC, oid, 0, kind.desc() + " " + signature);
            String grantKind = kind == Kind.PROCEDURE ? "PROCEDURE" : "FUNCTION";
            String grants = Acl.statements(grantKind + " " + signature, Sql.ident(rs.getString("owner")),
                    CatalogContext.stringArray(rs, "acl"), null);
            if (!grants.isEmpty()) {
                fn.attach("ACL", grantKind + " " + fn.tag(), grants);
            }
            out.add(fn);
        });
        return out;
    }

    private static String aggregate(ResultSet rs, String qualifiedName) throws SQLException {
        StringBuilder sql = new StringBuilder("CREATE AGGREGATE ").append(qualifiedName).append("(").append(rs.getString("args"))
                .append(") (\n    SFUNC = ").append(rs.getString("sfunc")).append(",\n    STYPE = ").append(rs.getString("stype"));
        char aggkind = rs.getString("aggkind").charAt(0);
        if (rs.getInt("aggtransspace") != 0) {
            sql.append(",\n    SSPACE = ").append(rs.getInt("aggtransspace"));
        }
        option(sql, "INITCOND", rs.getString("agginitval") == null ? null : Sql.literal(rs.getString("agginitval")));
        option(sql, "FINALFUNC", rs.getString("finalfunc"));
        if (rs.getBoolean("aggfinalextra")) {
            sql.append(",\n    FINALFUNC_EXTRA");
        }
        char defaultModify = aggkind == 'n' ? 'r' : 'w';
        String modify = rs.getString("aggfinalmodify");
        if (rs.getString("finalfunc") != null && modify != null && modify.charAt(0) != defaultModify) {
            sql.append(",\n    FINALFUNC_MODIFY = ").append(modifyWord(modify.charAt(0)));
        }
        option(sql, "COMBINEFUNC", rs.getString("combinefunc"));
        option(sql, "SERIALFUNC", rs.getString("serialfunc"));
        option(sql, "DESERIALFUNC", rs.getString("deserialfunc"));
        option(sql, "MSFUNC", rs.getString("msfunc"));
        option(sql, "MINVFUNC", rs.getString("minvfunc"));
        option(sql, "MSTYPE", rs.getString("mstype"));
        if (rs.getInt("aggmtransspace") != 0) {
            sql.append(",\n    MSSPACE = ").append(rs.getInt("aggmtransspace"));
        }
        option(sql, "MFINALFUNC", rs.getString("mfinalfunc"));
        if (rs.getBoolean("aggmfinalextra")) {
            sql.append(",\n    MFINALFUNC_EXTRA");
        }
        String mmodify = rs.getString("aggmfinalmodify");
        if (rs.getString("mfinalfunc") != null && mmodify != null && mmodify.charAt(0) != defaultModify) {
            sql.append(",\n    MFINALFUNC_MODIFY = ").append(modifyWord(mmodify.charAt(0)));
        }
        option(sql, "MINITCOND", rs.getString("aggminitval") == null ? null : Sql.literal(rs.getString("aggminitval")));
        option(sql, "SORTOP", rs.getString("sortop"));
        String parallel = rs.getString("proparallel");
        if ("s".equals(parallel)) {
            sql.append(",\n    PARALLEL = safe");
        } else if ("r".equals(parallel)) {
            sql.append(",\n    PARALLEL = restricted");
        }
        if (aggkind == 'h') {
            sql.append(",\n    HYPOTHETICAL");
        }
        return sql.append("\n);\n").toString();
    }

    private static String modifyWord(char code) {
        return switch (code) {
            case 's' -> "SHAREABLE";
            case 'w' -> "READ_WRITE";
            default -> "READ_ONLY";
        };
    }

    private static void option(StringBuilder sql, String name, String value) {
        if (value != null) {
            sql.append(",\n    ").append(name).append(" = ").append(value);
        }
    }
}
