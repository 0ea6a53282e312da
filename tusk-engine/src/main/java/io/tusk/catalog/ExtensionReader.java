package io.tusk.catalog;

import static io.tusk.catalog.CatalogContext.PG_EXTENSION;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Extensions, except plpgsql, which every database has. Their member objects are never dumped one by one. */
final class ExtensionReader {
    private ExtensionReader() {
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
        return out;
    }
}
