package io.tusk.catalog;

import static io.tusk.catalog.CatalogContext.PG_FOREIGN_DATA_WRAPPER;
import static io.tusk.catalog.CatalogContext.PG_FOREIGN_SERVER;
import static io.tusk.catalog.CatalogContext.PG_USER_MAPPING;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Foreign data wrappers, foreign servers and their user mappings. Foreign tables are relations: see RelationReader. */
final class ForeignDataReader {
    private ForeignDataReader() {
    }

    /** A select-list expression: the generic options of {@code column} as pg_dump lays them out, or NULL when none. */
    static String options(String column) {
        return "NULLIF(pg_catalog.array_to_string(ARRAY(SELECT pg_catalog.quote_ident(o.option_name) || ' ' || pg_catalog.quote_literal(o.option_value)"
                + " FROM pg_catalog.pg_options_to_table(" + column + ") o ORDER BY o.option_name), E',\\n    '), '')";
    }

    /** {@code " OPTIONS (\n    a 'b'\n)"}, or "" when there are no options. */
    static String optionsClause(String options) {
        return options == null ? "" : " OPTIONS (\n    " + options + "\n)";
    }

    static List<DumpObject> read(CatalogContext ctx) throws SQLException {
        List<DumpObject> out = new ArrayList<>();
        ctx.query("SELECT w.oid, w.fdwname, pg_catalog.pg_get_userbyid(w.fdwowner) AS owner,"
                + " CASE WHEN w.fdwhandler <> 0 THEN w.fdwhandler::pg_catalog.regproc::text END AS handler,"
                + " CASE WHEN w.fdwvalidator <> 0 THEN w.fdwvalidator::pg_catalog.regproc::text END AS validator,"
                + " " + options("w.fdwoptions") + " AS options, " + Acl.exploded("w.fdwacl") + " AS acl"
                + " FROM pg_catalog.pg_foreign_data_wrapper w WHERE " + CatalogContext.notExtensionMember("pg_foreign_data_wrapper", "w.oid")
                + " ORDER BY w.fdwname", rs -> {
            long oid = rs.getLong("oid");
            String name = rs.getString("fdwname");
            String q = Sql.ident(name);
            StringBuilder defn = new StringBuilder("CREATE FOREIGN DATA WRAPPER ").append(q);
            if (rs.getString("handler") != null) {
                defn.append(" HANDLER ").append(rs.getString("handler"));
            }
            if (rs.getString("validator") != null) {
                defn.append(" VALIDATOR ").append(rs.getString("validator"));
            }
            defn.append(optionsClause(rs.getString("options"))).append(";\n");
            DumpObject fdw = new DumpObject(new ObjectId(PG_FOREIGN_DATA_WRAPPER, oid), Kind.FOREIGN_DATA_WRAPPER, null, name)
                    .owner(rs.getString("owner")).defn(defn.toString()).dropStmt("DROP FOREIGN DATA WRAPPER " + q + ";\n");
            ctx.attachComment(fdw, PG_FOREIGN_DATA_WRAPPER, oid, 0, "FOREIGN DATA WRAPPER " + q);
            attachAcl(fdw, "FOREIGN DATA WRAPPER " + q, rs.getString("owner"), CatalogContext.stringArray(rs, "acl"));
            out.add(fdw);
        });
        List<DumpObject> servers = new ArrayList<>();
        ctx.query("SELECT s.oid, s.srvname, pg_catalog.pg_get_userbyid(s.srvowner) AS owner, w.fdwname, s.srvtype, s.srvversion,"
                + " " + options("s.srvoptions") + " AS options, " + Acl.exploded("s.srvacl") + " AS acl"
                + " FROM pg_catalog.pg_foreign_server s JOIN pg_catalog.pg_foreign_data_wrapper w ON w.oid = s.srvfdw"
                + " WHERE " + CatalogContext.notExtensionMember("pg_foreign_server", "s.oid") + " ORDER BY s.srvname", rs -> {
            long oid = rs.getLong("oid");
            String name = rs.getString("srvname");
            String q = Sql.ident(name);
            StringBuilder defn = new StringBuilder("CREATE SERVER ").append(q);
            if (rs.getString("srvtype") != null) {
                defn.append(" TYPE ").append(Sql.literal(rs.getString("srvtype")));
            }
            if (rs.getString("srvversion") != null) {
                defn.append(" VERSION ").append(Sql.literal(rs.getString("srvversion")));
            }
            defn.append(" FOREIGN DATA WRAPPER ").append(Sql.ident(rs.getString("fdwname"))).append(optionsClause(rs.getString("options")))
                    .append(";\n");
            DumpObject server = new DumpObject(new ObjectId(PG_FOREIGN_SERVER, oid), Kind.SERVER, null, name)
                    .owner(rs.getString("owner")).defn(defn.toString()).dropStmt("DROP SERVER " + q + ";\n");
            ctx.attachComment(server, PG_FOREIGN_SERVER, oid, 0, "SERVER " + q);
            attachAcl(server, "FOREIGN SERVER " + q, rs.getString("owner"), CatalogContext.stringArray(rs, "acl"));
            servers.add(server);
        });
        out.addAll(servers);
        for (DumpObject server : servers) {
            addUserMappings(ctx, server, out);
        }
        return out;
    }

    /** pg_user_mappings shows the options only to the server's owner and superusers; pg_dump reads it too. */
    private static void addUserMappings(CatalogContext ctx, DumpObject server, List<DumpObject> out) throws SQLException {
        String q = Sql.ident(server.name());
        ctx.query("SELECT m.umid, m.usename, " + options("m.umoptions") + " AS options FROM pg_catalog.pg_user_mappings m"
                + " WHERE m.srvid = " + server.id().objOid() + " ORDER BY m.usename", rs -> {
            String user = rs.getString("usename");
            String on = "FOR " + Sql.ident(user) + " SERVER " + q;
            out.add(new DumpObject(new ObjectId(PG_USER_MAPPING, rs.getLong("umid")), Kind.USER_MAPPING, null,
                    "USER MAPPING " + user + " SERVER " + server.name()).owner(server.owner())
                    .defn("CREATE USER MAPPING " + on + optionsClause(rs.getString("options")) + ";\n")
                    .dropStmt("DROP USER MAPPING " + on + ";\n").belongsTo(server.id()).dependsOn(server.id()));
        });
    }

    private static void attachAcl(DumpObject object, String onWhat, String owner, String[] acl) {
        String grants = Acl.statements(onWhat, Sql.ident(owner), acl, null);
        if (!grants.isEmpty()) {
            object.attach("ACL", onWhat.substring(0, onWhat.lastIndexOf(' ')) + " " + object.name(), grants);
        }
    }
}
