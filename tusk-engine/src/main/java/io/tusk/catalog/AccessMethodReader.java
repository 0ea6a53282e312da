package io.tusk.catalog;

import static io.tusk.catalog.CatalogContext.PG_AM;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** User-defined index and table access methods. They have no owner and no schema. */
final class AccessMethodReader {
    private AccessMethodReader() {
    }

    static List<DumpObject> read(CatalogContext ctx) throws SQLException {
        List<DumpObject> out = new ArrayList<>();
        ctx.query("SELECT a.oid, a.amname, a.amtype, a.amhandler::pg_catalog.regproc AS handler FROM pg_catalog.pg_am a"
                + " WHERE a.oid >= 16384 AND " + CatalogContext.notExtensionMember("pg_am", "a.oid") + " ORDER BY a.amname", rs -> {
            long oid = rs.getLong("oid");
            String name = rs.getString("amname");
            String q = Sql.ident(name);
            String type = "t".equals(rs.getString("amtype")) ? "TABLE" : "INDEX";
            DumpObject am = new DumpObject(new ObjectId(PG_AM, oid), Kind.ACCESS_METHOD, null, name)
                    .defn("CREATE ACCESS METHOD " + q + " TYPE " + type + " HANDLER " + rs.getString("handler") + ";\n")
                    .dropStmt("DROP ACCESS METHOD " + q + ";\n");
            ctx.attachComment(am, PG_AM, oid, 0, "ACCESS METHOD " + q);
            out.add(am);
        });
        return out;
    }
}
