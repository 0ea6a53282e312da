package io.tusk.dump;

import io.tusk.catalog.CatalogContext;
import io.tusk.catalog.DumpObject;
import io.tusk.catalog.Kind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the data of a large table into parts by ranges of pages ({@code ctid}), so that several workers copy it at
 * once under the same snapshot. Each part is an ordinary TABLE DATA entry of the same table (COPY ... FROM stdin),
 * which is why stock pg_restore restores a split archive like any other: it loads the parts one after another, or
 * at once with -j.
 *
 * <p>Only on PostgreSQL 14 and later, which scans a ctid range by reading just those pages (TID Range Scan); before,
 * every part would read the whole table.
 */
final class TableSplitter {
    private static final int V14 = 140000;

    private TableSplitter() {
    }

    /** The objects with every large table's data replaced by its parts. */
    static List<DumpObject> split(List<DumpObject> selected, Connection connection, CatalogContext ctx, DumpOptions options)
            throws SQLException {
        if (options.jobs < 2 || options.splitTableBytes <= 0 || ctx.serverVersionNum() < V14 || options.inserts || options.columnInserts) {
            return selected;
        }
        List<DumpObject> out = new ArrayList<>(selected.size());
        for (DumpObject o : selected) {
            if (o.kind() != Kind.TABLE_DATA || o.data() == null || o.estimatedBytes() < options.splitTableBytes) {
                out.add(o);
                continue;
            }
            long pages = pagesOf(connection, o.data().qualifiedName());
            int parts = (int) Math.min(options.jobs, Math.max(1, pages));
            if (parts < 2) {
                out.add(o);
                continue;
            }
            long step = (pages + parts - 1) / parts;
            for (int i = 0; i < parts; i++) {
                long from = i * step;
                String filter = "ctid >= '(" + from + ",0)'::pg_catalog.tid"
                        // the last part is open-ended: the table may have grown since the size was read
                        + (i == parts - 1 ? "" : " AND ctid < '(" + (from + step) + ",0)'::pg_catalog.tid");
                DumpObject part = new DumpObject(ctx.newSyntheticId(), Kind.TABLE_DATA, o.namespace(), o.name())
                        .owner(o.owner()).relkind(o.relkind()).belongsTo(o.belongsTo())
                        .estimates(o.estimatedRows() / parts, o.estimatedBytes() / parts)
                        .data(o.data().part(filter));
                o.explicitDependencies().forEach(part::dependsOn);
                out.add(part);
            }
        }
        return out;
    }

    private static long pagesOf(Connection connection, String table) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_catalog.pg_relation_size(" + io.tusk.catalog.Sql.literal(table)
                     + "::pg_catalog.regclass) / pg_catalog.current_setting('block_size')::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
