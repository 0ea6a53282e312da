package io.tusk.catalog;

import static io.tusk.catalog.CatalogContext.PG_CLASS;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Indexes that no constraint owns, the attach statements that bind partitions' indexes to their parent's, and the
 * CLUSTER ON / REPLICA IDENTITY settings that name an index.
 */
final class IndexReader {
    private IndexReader() {
    }

    static List<DumpObject> read(CatalogContext ctx, ConstraintReader constraints, Map<ObjectId, DumpObject> byId) throws SQLException {
        List<DumpObject> out = new ArrayList<>();
        Map<Long, ObjectId> indexObject = new HashMap<>(constraints.constraintOfIndex);
        List<long[]> attach = new ArrayList<>();
        Map<Long, String> indexNames = new HashMap<>();
        ctx.query("SELECT i.indexrelid, ic.relname, n.nspname, i.indrelid, t.relname AS tname, tn.nspname AS tnspname,"
                + " pg_catalog.pg_get_indexdef(i.indexrelid) AS def, i.indisclustered, i.indisvalid, i.indisreplident, ic.relkind,"
                + " (SELECT h.inhparent FROM pg_catalog.pg_inherits h WHERE h.inhrelid = i.indexrelid) AS parent_index,"
                + " pg_catalog.pg_get_userbyid(t.relowner) AS owner,"
                // Statistics targets of expression columns: -1 for the default up to 16, NULL since 17.
                + " (SELECT pg_catalog.string_agg(a.attnum || ' ' || a.attstattarget, ',' ORDER BY a.attnum) FROM pg_catalog.pg_attribute a"
                + "   WHERE a.attrelid = i.indexrelid AND a.attstattarget IS NOT NULL AND a.attstattarget <> -1) AS stattargets"
                + " FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid"
                + " JOIN pg_catalog.pg_class t ON t.oid = i.indrelid JOIN pg_catalog.pg_namespace n ON n.oid = ic.relnamespace"
                + " JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace"
                + " WHERE t.relkind IN ('r', 'p', 'm') AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'"
                + " AND (i.indisvalid OR ic.relkind = 'I')"
                + " ORDER BY n.nspname, ic.relname", rs -> {
            long oid = rs.getLong("indexrelid");
            String schema = rs.getString("nspname");
            String name = rs.getString("relname");
            String qi = Sql.qualified(schema, name);
            String qt = Sql.qualified(rs.getString("tnspname"), rs.getString("tname"));
            ObjectId tableId = new ObjectId(PG_CLASS, rs.getLong("indrelid"));
            indexNames.put(oid, qi);
            StringBuilder extra = new StringBuilder();
            if (rs.getBoolean("indisclustered")) {
                extra.append("ALTER TABLE ").append(qt).append(" CLUSTER ON ").append(Sql.ident(name)).append(";\n");
            }
            if (rs.getBoolean("indisreplident")) {
                extra.append("ALTER TABLE ONLY ").append(qt).append(" REPLICA IDENTITY USING INDEX ").append(Sql.ident(name)).append(";\n");
            }
            if (rs.getString("stattargets") != null) {
                for (String target : rs.getString("stattargets").split(",")) {
                    String[] columnAndTarget = target.split(" ");
                    extra.append("ALTER INDEX ").append(qi).append(" ALTER COLUMN ").append(columnAndTarget[0])
                            .append(" SET STATISTICS ").append(columnAndTarget[1]).append(";\n");
                }
            }
            if (rs.getObject("parent_index") != null) {
                attach.add(new long[] {oid, rs.getLong("parent_index")});
            }
            ObjectId constraint = constraints.constraintOfIndex.get(oid);
            if (constraint != null) {
                DumpObject con = byId.get(constraint);
                if (con != null && extra.length() > 0) {
                    con.defn(con.defn() + extra);
                }
                return;
            }
            DumpObject index = new DumpObject(new ObjectId(PG_CLASS, oid), Kind.INDEX, schema, name).owner(rs.getString("owner"))
                    .belongsTo(tableId).dependsOn(tableId)
                    .defn(rs.getString("def") + ";\n" + extra).dropStmt("DROP INDEX " + qi + ";\n");
            ctx.attachComment(index, PG_CLASS, oid, 0, "INDEX " + qi);
            indexObject.put(oid, index.id());
            out.add(index);
        });
        for (long[] a : attach) {
            ObjectId child = indexObject.get(a[0]);
            ObjectId parent = indexObject.get(a[1]);
            String parentName = indexNames.get(a[1]);
            if (child == null || parent == null || parentName == null) {
                continue;
            }
            String childName = indexNames.get(a[0]);
            DumpObject childObject = byId.containsKey(child) ? byId.get(child) : out.stream().filter(o -> o.id().equals(child)).findFirst().orElseThrow();
            // The parent's index (or key) comes after its partitions' in the archive, so that --clean, which drops in
            // reverse order, drops it first: a partition's attached index cannot be dropped on its own.
            DumpObject parentObject = byId.containsKey(parent) ? byId.get(parent) : out.stream().filter(o -> o.id().equals(parent)).findFirst().orElse(null);
            if (parentObject != null) {
                parentObject.dependsOn(child);
            }
            String bareName = childName.substring(childName.lastIndexOf('.') + 1);
            out.add(new DumpObject(ctx.newSyntheticId(), Kind.INDEX_ATTACH, childObject.namespace(), bareName)
                    .defn("ALTER INDEX " + parentName + " ATTACH PARTITION " + childName + ";\n")
                    .belongsTo(childObject.belongsTo()).dependsOn(child).dependsOn(parent));
        }
        return out;
    }
}
