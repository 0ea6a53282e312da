package io.tusk.catalog;

import static io.tusk.catalog.CatalogContext.PG_CLASS;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tables (plain, partitioned, partitions, inheritance children), views, materialized views and sequences, with
 * their columns, the attach statements of partitions, row security switches and the data entries.
 */
final class RelationReader {
    private final CatalogContext ctx;
    private final List<DumpObject> out = new ArrayList<>();
    private final Map<Long, List<Column>> columns = new HashMap<>();
    private final Map<Long, IdentitySequence> identities = new HashMap<>();

    private RelationReader(CatalogContext ctx) {
        this.ctx = ctx;
    }

    private static final String USER_RELATIONS = " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'"
            + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::regclass"
            + "   AND d.objid = c.oid AND d.deptype = 'e')";

    record Column(int attnum, String name, String type, boolean notNull, char identity, char generated, boolean local,
                  String defaultExpr, String collation, String storage, String compression, Integer statistics,
                  String[] options, String[] acl, String notNullName, String fdwOptions) {
    }

    record IdentitySequence(long seqOid, String schema, String name, int column, String options) {
    }

    private void readIdentitySequences() throws SQLException {
        ctx.query("SELECT d.refobjid, d.refobjsubid, s.seqrelid, sn.nspname, sc.relname, s.seqstart, s.seqincrement, s.seqmin,"
                + " s.seqmax, s.seqcache, s.seqcycle FROM pg_catalog.pg_depend d"
                + " JOIN pg_catalog.pg_sequence s ON s.seqrelid = d.objid JOIN pg_catalog.pg_class sc ON sc.oid = s.seqrelid"
                + " JOIN pg_catalog.pg_namespace sn ON sn.oid = sc.relnamespace"
                + " WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.deptype = 'i'", rs -> {
            String options = "SEQUENCE NAME " + Sql.qualified(rs.getString("nspname"), rs.getString("relname"))
                    + "\n    START WITH " + rs.getLong("seqstart") + "\n    INCREMENT BY " + rs.getLong("seqincrement")
                    + "\n    MINVALUE " + rs.getLong("seqmin") + "\n    MAXVALUE " + rs.getLong("seqmax")
                    + "\n    CACHE " + rs.getLong("seqcache") + (rs.getBoolean("seqcycle") ? "\n    CYCLE" : "");
            identities.put(rs.getLong("refobjid") * 10000 + rs.getInt("refobjsubid"), new IdentitySequence(rs.getLong("seqrelid"),
                    rs.getString("nspname"), rs.getString("relname"), rs.getInt("refobjsubid"), options));
        });
    }

    private void readColumns() throws SQLException {
        // PostgreSQL 14 added per-column compression; 17 made attstattarget NULL by default (was -1);
        // 18 stores NOT NULL as named constraints.
        String compression = ctx.atLeast(14) ? "NULLIF(a.attcompression, '')::text" : "NULL::text";
        String notNullName = ctx.atLeast(18)
                ? "(SELECT nc.conname FROM pg_catalog.pg_constraint nc WHERE nc.conrelid = a.attrelid AND nc.contype = 'n'"
                  + " AND nc.conkey[1] = a.attnum LIMIT 1)"
                : "NULL::name";
        // 18 sets attnotnull for NOT VALID NOT NULL constraints too; those are added after the data instead.
        String notNull = ctx.atLeast(18)
                ? "a.attnotnull AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint nv WHERE nv.conrelid = a.attrelid"
                  + " AND nv.contype = 'n' AND nv.conkey[1] = a.attnum AND NOT nv.convalidated)"
                : "a.attnotnull";
        ctx.query("SELECT a.attrelid, a.attnum, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,"
                + " " + notNull + " AS attnotnull, a.attidentity, a.attgenerated, a.attislocal, pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) AS def,"
                + " CASE WHEN a.attcollation <> t.typcollation THEN (SELECT pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname)"
                + "   FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) END AS collation,"
                + " CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage::text END AS storage,"
                + " " + compression + " AS compression,"
                + " NULLIF(a.attstattarget, -1) AS statistics, a.attoptions, " + Acl.exploded("a.attacl") + " AS acl,"
                + " " + notNullName + " AS notnull_name, " + ForeignDataReader.options("a.attfdwoptions") + " AS fdw_options"
                + " FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
                + " LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum"
                + " WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attrelid IN (SELECT c.oid" + USER_RELATIONS + ")"
                + " ORDER BY a.attrelid, a.attnum", rs -> {
            Object stat = rs.getObject("statistics");
            columns.computeIfAbsent(rs.getLong("attrelid"), k -> new ArrayList<>()).add(new Column(
                    rs.getInt("attnum"), rs.getString("attname"), rs.getString("type"), rs.getBoolean("attnotnull"),
                    charOf(rs.getString("attidentity")), charOf(rs.getString("attgenerated")), rs.getBoolean("attislocal"),
                    rs.getString("def"), rs.getString("collation"), rs.getString("storage"), rs.getString("compression"),
                    stat == null ? null : ((Number) stat).intValue(), CatalogContext.stringArray(rs, "attoptions"),
                    CatalogContext.stringArray(rs, "acl"), rs.getString("notnull_name"),
                    rs.getString("fdw_options")));
        });
    }

    private static char charOf(String s) {
        return s == null || s.isEmpty() ? 0 : s.charAt(0);
    }

    private void readRelations() throws SQLException {
        Map<Long, String> sequenceValues = new LinkedHashMap<>();
        ctx.query("SELECT c.oid, c.relname, n.nspname, c.relkind, c.relpersistence, pg_catalog.pg_get_userbyid(c.relowner) AS owner,"
                + " " + Acl.exploded("c.relacl") + " AS acl, c.reloptions,"
                + " (SELECT tc.reloptions FROM pg_catalog.pg_class tc WHERE tc.oid = c.reltoastrelid) AS toast_options,"
                + " c.relispartition, CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END AS partbound,"
                + " CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END AS partkey,"
                + " (SELECT am.amname FROM pg_catalog.pg_am am WHERE am.oid = c.relam) AS am,"
                + " (SELECT s.srvname FROM pg_catalog.pg_foreign_table ft JOIN pg_catalog.pg_foreign_server s ON s.oid = ft.ftserver"
                + "   WHERE ft.ftrelid = c.oid) AS ftserver,"
                + " (SELECT " + ForeignDataReader.options("ft.ftoptions") + " FROM pg_catalog.pg_foreign_table ft WHERE ft.ftrelid = c.oid) AS ftoptions,"
                + " c.relrowsecurity, c.relforcerowsecurity, c.relreplident, c.reltuples::bigint AS reltuples, c.relpages::bigint AS relpages,"
                + " CASE WHEN c.relkind IN ('v', 'm') THEN pg_catalog.pg_get_viewdef(c.oid) END AS viewdef, c.relispopulated,"
                + " (SELECT pg_catalog.array_agg(i.inhparent ORDER BY i.inhseqno) FROM pg_catalog.pg_inherits i WHERE i.inhrelid = c.oid) AS parents,"
                + " s.seqtypid, pg_catalog.format_type(s.seqtypid, NULL) AS seqtype, s.seqstart, s.seqincrement, s.seqmin, s.seqmax,"
                + " s.seqcache, s.seqcycle,"
                + " (SELECT d.refobjid || ' ' || d.refobjsubid FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::regclass"
                + "   AND d.objid = c.oid AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0"
                + "   LIMIT 1) AS owned_by,"
                + " EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid"
                + "   AND d.deptype = 'i' AND d.refclassid = 'pg_catalog.pg_class'::regclass) AS is_identity"
                + USER_RELATIONS.replace(" WHERE ", " LEFT JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid WHERE ")
                + " ORDER BY n.nspname, c.relname", rs -> {
            char relkind = rs.getString("relkind").charAt(0);
            switch (relkind) {
                case 'S' -> {
                    if (!rs.getBoolean("is_identity")) {
                        addSequence(rs);
                    } else {
                        identityAcls.add(new Object[] {rs.getLong("oid"), rs.getString("nspname"), rs.getString("relname"),
                                rs.getString("owner"), CatalogContext.stringArray(rs, "acl")});
                    }
                    sequenceValues.put(rs.getLong("oid"), Sql.qualified(rs.getString("nspname"), rs.getString("relname")));
                }
                case 'v', 'm' -> addView(rs, relkind);
                default -> addTable(rs, relkind);
            }
        });
        Map<Long, String> qualifiedNames = new HashMap<>();
        for (DumpObject o : out) {
            if (o.kind() == Kind.TABLE || o.kind() == Kind.SEQUENCE) {
                qualifiedNames.put(o.id().objOid(), Sql.qualified(o.namespace(), o.name()));
            }
        }
        resolveOwnedBy(qualifiedNames);
        attachIdentityAcls();
        addSequenceValues(sequenceValues);
    }

    private void addSequence(ResultSet rs) throws SQLException {
        long oid = rs.getLong("oid");
        String schema = rs.getString("nspname");
        String name = rs.getString("relname");
        String q = Sql.qualified(schema, name);
        StringBuilder defn = new StringBuilder("CREATE ").append("u".equals(rs.getString("relpersistence")) ? "UNLOGGED " : "")
                .append("SEQUENCE ").append(q);
        if (!"bigint".equals(rs.getString("seqtype"))) {
            defn.append("\n    AS ").append(rs.getString("seqtype"));
        }
        defn.append("\n    START WITH ").append(rs.getLong("seqstart"))
                .append("\n    INCREMENT BY ").append(rs.getLong("seqincrement"))
                .append("\n    MINVALUE ").append(rs.getLong("seqmin"))
                .append("\n    MAXVALUE ").append(rs.getLong("seqmax"))
                .append("\n    CACHE ").append(rs.getLong("seqcache"))
                .append(rs.getBoolean("seqcycle") ? "\n    CYCLE" : "").append(";\n");
        DumpObject seq = new DumpObject(new ObjectId(PG_CLASS, oid), Kind.SEQUENCE, schema, name).owner(rs.getString("owner"))
                .relkind('S').defn(defn.toString()).dropStmt("DROP SEQUENCE " + q + ";\n");
        ctx.attachComment(seq, PG_CLASS, oid, 0, "SEQUENCE " + q);
        attachAcl(seq, "SEQUENCE " + q, rs, List.of());
        String ownedBy = rs.getString("owned_by");
        if (ownedBy != null) {
            String[] parts = ownedBy.split(" ");
            pendingOwnedBy.add(new long[] {oid, Long.parseLong(parts[0]), Long.parseLong(parts[1])});
        }
        out.add(seq);
    }

    private final List<long[]> pendingOwnedBy = new ArrayList<>();
    /** {seqOid, schema, name, owner, acl} of identity sequences, whose privileges go with their table. */
    private final List<Object[]> identityAcls = new ArrayList<>();

    private void attachIdentityAcls() {
        Map<Long, Long> tableOfSequence = new HashMap<>();
        identities.forEach((key, ident) -> tableOfSequence.put(ident.seqOid, key / 10000));
        for (Object[] a : identityAcls) {
            Long table = tableOfSequence.get((Long) a[0]);
            DumpObject owner = table == null ? null : out.stream().filter(o -> o.id().equals(new ObjectId(PG_CLASS, table))
                    && o.kind() != Kind.SEQUENCE).findFirst().orElse(null);
            String q = Sql.qualified((String) a[1], (String) a[2]);
            String grants = Acl.statements("SEQUENCE " + q, Sql.ident((String) a[3]), (String[]) a[4], null);
            if (owner != null && !grants.isEmpty()) {
                owner.attach("ACL", "SEQUENCE " + a[2], grants);
            }
        }
    }

    private void resolveOwnedBy(Map<Long, String> qualifiedNames) {
        for (long[] p : pendingOwnedBy) {
            String seq = qualifiedNames.get(p[0]);
            String table = qualifiedNames.get(p[1]);
            String column = columns.getOrDefault(p[1], List.of()).stream().filter(c -> c.attnum == p[2]).map(c -> Sql.ident(c.name))
                    .findFirst().orElse(null);
            if (seq == null || table == null || column == null) {
                continue;
            }
            DumpObject sequence = out.stream().filter(o -> o.id().objOid() == p[0] && o.kind() == Kind.SEQUENCE).findFirst().orElseThrow();
            out.add(new DumpObject(ctx.newSyntheticId(), Kind.SEQUENCE_OWNED_BY, sequence.namespace(), sequence.name())
                    .owner(sequence.owner()).defn("ALTER SEQUENCE " + seq + " OWNED BY " + table + "." + column + ";\n")
                    .belongsTo(sequence.id()).dependsOn(sequence.id()).dependsOn(new ObjectId(PG_CLASS, p[1])));
        }
    }

    private void addSequenceValues(Map<Long, String> sequences) throws SQLException {
        if (sequences.isEmpty()) {
            return;
        }
        Map<Long, DumpObject> byOid = new HashMap<>();
        for (DumpObject o : out) {
            if (o.kind() == Kind.SEQUENCE) {
                byOid.put(o.id().objOid(), o);
            }
        }
        Map<Long, IdentitySequence> identityBySeq = new HashMap<>();
        Map<Long, Long> identityTable = new HashMap<>();
        identities.forEach((key, ident) -> {
            identityBySeq.put(ident.seqOid, ident);
            identityTable.put(ident.seqOid, key / 10000);
        });
        List<Long> oids = new ArrayList<>(sequences.keySet());
        for (int from = 0; from < oids.size(); from += 200) {
            StringBuilder sql = new StringBuilder();
            for (Long oid : oids.subList(from, Math.min(oids.size(), from + 200))) {
                sql.append(sql.length() == 0 ? "" : " UNION ALL ").append("SELECT ").append(oid)
                        .append("::oid, last_value, is_called FROM ").append(sequences.get(oid));
            }
            ctx.query(sql.toString(), rs -> {
                long oid = rs.getLong(1);
                String q = sequences.get(oid);
                DumpObject seq = byOid.get(oid);
                ObjectId owner = seq != null ? seq.id() : identityTable.containsKey(oid) ? new ObjectId(PG_CLASS, identityTable.get(oid)) : null;
                if (owner == null) {
                    return;
                }
                String schema = seq != null ? seq.namespace() : identityBySeq.get(oid).schema;
                String name = seq != null ? seq.name() : identityBySeq.get(oid).name;
                out.add(new DumpObject(ctx.newSyntheticId(), Kind.SEQUENCE_SET, schema, name)
                        .owner(seq != null ? seq.owner() : null)
                        .defn("SELECT pg_catalog.setval(" + Sql.literal(q) + ", " + rs.getLong(2) + ", " + rs.getBoolean(3) + ");\n")
                        .belongsTo(owner).dependsOn(owner));
            });
        }
    }

    private void addView(ResultSet rs, char relkind) throws SQLException {
        long oid = rs.getLong("oid");
        String schema = rs.getString("nspname");
        String name = rs.getString("relname");
        String q = Sql.qualified(schema, name);
        String options = withOptions(CatalogContext.stringArray(rs, "reloptions"), null);
        String viewdef = rs.getString("viewdef").stripTrailing();
        Kind kind = relkind == 'v' ? Kind.VIEW : Kind.MATERIALIZED_VIEW;
        String defn;
        if (kind == Kind.VIEW) {
            defn = "CREATE VIEW " + q + options + " AS\n" + viewdef + "\n";
        } else {
            if (viewdef.endsWith(";")) {
                viewdef = viewdef.substring(0, viewdef.length() - 1);
            }
            defn = "CREATE MATERIALIZED VIEW " + q + options + " AS\n" + viewdef + "\n  WITH NO DATA;\n";
        }
        DumpObject view = new DumpObject(new ObjectId(PG_CLASS, oid), kind, schema, name).owner(rs.getString("owner"))
                .relkind(relkind).defn(defn).dropStmt("DROP " + kind.desc() + " " + q + ";\n");
        if (kind == Kind.MATERIALIZED_VIEW) {
            view.tableAm(rs.getString("am"));
        }
        List<Column> cols = columns.getOrDefault(oid, List.of());
        ctx.attachComment(view, PG_CLASS, oid, 0, kind.desc() + " " + q);
        for (Column c : cols) {
            ctx.attachComment(view, PG_CLASS, oid, c.attnum, "COLUMN " + q + "." + Sql.ident(c.name));
            if (kind == Kind.VIEW && c.defaultExpr != null) {
                view.defn(view.defn() + "ALTER VIEW " + q + " ALTER COLUMN " + Sql.ident(c.name) + " SET DEFAULT " + c.defaultExpr + ";\n");
            }
        }
        attachAcl(view, "TABLE " + q, rs, cols);
        out.add(view);
        if (kind == Kind.MATERIALIZED_VIEW && rs.getBoolean("relispopulated")) {
            out.add(new DumpObject(ctx.newSyntheticId(), Kind.MATERIALIZED_VIEW_DATA, schema, name).owner(rs.getString("owner"))
                    .defn("REFRESH MATERIALIZED VIEW " + q + ";\n").belongsTo(view.id()).dependsOn(view.id())
                    .estimates(rs.getLong("reltuples"), rs.getLong("relpages") * 8192));
        }
    }

    private void addTable(ResultSet rs, char relkind) throws SQLException {
        long oid = rs.getLong("oid");
        String schema = rs.getString("nspname");
        String name = rs.getString("relname");
        String q = Sql.qualified(schema, name);
        boolean partition = rs.getBoolean("relispartition");
        Long[] parents = parents(rs);
        List<Column> cols = columns.getOrDefault(oid, List.of());
        boolean foreign = relkind == 'f';
        Kind kind = foreign ? Kind.FOREIGN_TABLE : Kind.TABLE;
        StringBuilder defn = new StringBuilder("CREATE ").append("u".equals(rs.getString("relpersistence")) ? "UNLOGGED " : "")
                .append(foreign ? "FOREIGN TABLE " : "TABLE ").append(q).append(" (");
        List<String> elements = new ArrayList<>();
        StringBuilder after = new StringBuilder();
        for (Column c : cols) {
            // Inheritance children get inherited columns from their parents; partitions are created whole, then attached.
            if (!c.local && !partition) {
                continue;
            }
            // PostgreSQL 17 allows identity columns on partitioned tables; their partitions get them when attached.
            elements.add(columnDefinition(oid, c, !partition && parentHasDefault(parents, c.name), partition && !c.local));
        }
        pendingChecks.put(oid, elements);
        for (Column c : cols) {
            String alter = "ALTER TABLE ONLY " + q + " ALTER COLUMN " + Sql.ident(c.name);
            if (c.storage != null) {
                after.append(alter).append(" SET STORAGE ").append(storageWord(c.storage.charAt(0))).append(";\n");
            }
            if (c.compression != null) {
                after.append(alter).append(" SET COMPRESSION ").append(c.compression.equals("l") ? "lz4" : "pglz").append(";\n");
            }
            if (c.statistics != null) {
                after.append(alter).append(" SET STATISTICS ").append(c.statistics).append(";\n");
            }
            if (c.options != null && c.options.length > 0) {
                after.append(alter).append(" SET (").append(String.join(", ", c.options)).append(");\n");
            }
            if (c.fdwOptions != null) {
                after.append("ALTER FOREIGN TABLE ").append(q).append(" ALTER COLUMN ").append(Sql.ident(c.name))
                        .append(ForeignDataReader.optionsClause(c.fdwOptions)).append(";\n");
            }
        }
        // Foreign tables have no replica identity (relreplident says 'n'othing and cannot be set).
        char replident = foreign ? 'd' : rs.getString("relreplident").charAt(0);
        if (replident == 'f') {
            after.append("ALTER TABLE ONLY ").append(q).append(" REPLICA IDENTITY FULL;\n");
        } else if (replident == 'n') {
            after.append("ALTER TABLE ONLY ").append(q).append(" REPLICA IDENTITY NOTHING;\n");
        }
        DumpObject table = new DumpObject(new ObjectId(PG_CLASS, oid), kind, schema, name).owner(rs.getString("owner"))
                .relkind(relkind).tableAm(relkind == 'p' ? null : rs.getString("am")).dropStmt("DROP " + kind.desc() + " " + q + ";\n")
                .estimates(rs.getLong("reltuples"), rs.getLong("relpages") * 8192);
        pendingTables.put(oid, new PendingTable(table, defn.toString(), after.toString(), partition ? null : parents,
                rs.getString("partkey"), foreign ? foreignOptions(rs)
                : withOptions(CatalogContext.stringArray(rs, "reloptions"), CatalogContext.stringArray(rs, "toast_options"))));
        ctx.attachComment(table, PG_CLASS, oid, 0, kind.desc() + " " + q);
        for (Column c : cols) {
            ctx.attachComment(table, PG_CLASS, oid, c.attnum, "COLUMN " + q + "." + Sql.ident(c.name));
        }
        attachAcl(table, "TABLE " + q, rs, cols);
        out.add(table);
        if (partition && parents.length > 0) {
            ObjectId parent = new ObjectId(PG_CLASS, parents[0]);
            attachPartition.add(new Object[] {table, parent, rs.getString("partbound")});
        }
        if (rs.getBoolean("relrowsecurity") || rs.getBoolean("relforcerowsecurity")) {
            String sql = (rs.getBoolean("relrowsecurity") ? "ALTER TABLE " + q + " ENABLE ROW LEVEL SECURITY;\n" : "")
                    + (rs.getBoolean("relforcerowsecurity") ? "ALTER TABLE ONLY " + q + " FORCE ROW LEVEL SECURITY;\n" : "");
            out.add(new DumpObject(ctx.newSyntheticId(), Kind.ROW_SECURITY, schema, name).owner(rs.getString("owner"))
                    .defn(sql).belongsTo(table.id()).dependsOn(table.id()));
        }
        if (relkind == 'r') {
            List<String> copyColumns = new ArrayList<>();
            for (Column c : cols) {
                if (c.generated == 0) {
                    copyColumns.add(Sql.ident(c.name));
                }
            }
            String list = copyColumns.isEmpty() ? "" : " (" + String.join(", ", copyColumns) + ")";
            out.add(new DumpObject(ctx.newSyntheticId(), Kind.TABLE_DATA, schema, name).owner(rs.getString("owner")).relkind(relkind)
                    .belongsTo(table.id()).dependsOn(table.id())
                    .estimates(rs.getLong("reltuples"), rs.getLong("relpages") * 8192)
                    .data(new DumpObject.TableData(q, list, insertQuery(q, copyColumns))));
        }
    }

    /** A foreign table's server and options, after its columns. */
    private static String foreignOptions(ResultSet rs) throws SQLException {
        String options = rs.getString("ftoptions");
        return "\nSERVER " + Sql.ident(rs.getString("ftserver")) + (options == null ? "" : "\nOPTIONS (\n    " + options + "\n)");
    }

    private static String insertQuery(String q, List<String> columns) {
        // One row per result: the quoted values, joined by the server so that every type keeps its text form.
        if (columns.isEmpty()) {
            return "SELECT '' FROM ONLY " + q;
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i > 0 ? " || ', ' || " : "").append("pg_catalog.quote_nullable(t.").append(columns.get(i)).append(")");
        }
        return sql.append(" FROM ONLY ").append(q).append(" t").toString();
    }

    private record PendingTable(DumpObject table, String head, String after, Long[] inheritsFrom, String partkey, String options) {
    }

    private final Map<Long, PendingTable> pendingTables = new LinkedHashMap<>();
    private final Map<Long, List<String>> pendingChecks = new HashMap<>();
    private final List<Object[]> attachPartition = new ArrayList<>();

    /** Called once constraints are known: CHECK constraints go inside CREATE TABLE. */
    void finishTables(Map<Long, List<String>> inlineChecks) {
        Map<Long, String> names = new HashMap<>();
        pendingTables.forEach((oid, p) -> names.put(oid, Sql.qualified(p.table.namespace(), p.table.name())));
        pendingTables.forEach((oid, p) -> {
            List<String> elements = new ArrayList<>(pendingChecks.get(oid));
            elements.addAll(inlineChecks.getOrDefault(oid, List.of()));
            StringBuilder defn = new StringBuilder(p.head);
            for (int i = 0; i < elements.size(); i++) {
                defn.append(i > 0 ? "," : "").append("\n    ").append(elements.get(i));
            }
            defn.append(elements.isEmpty() ? ")" : "\n)");
            if (p.inheritsFrom != null && p.inheritsFrom.length > 0) {
                List<String> parentNames = new ArrayList<>();
                for (Long parent : p.inheritsFrom) {
                    parentNames.add(names.getOrDefault(parent, "?"));
                }
                defn.append("\nINHERITS (").append(String.join(", ", parentNames)).append(")");
            }
            if (p.partkey != null) {
                defn.append("\nPARTITION BY ").append(p.partkey);
            }
            defn.append(p.options).append(";\n").append(p.after);
            p.table.defn(defn.toString());
        });
        for (Object[] a : attachPartition) {
            DumpObject child = (DumpObject) a[0];
            ObjectId parent = (ObjectId) a[1];
            String parentName = names.get(parent.objOid());
            if (parentName == null) {
                continue;
            }
            out.add(new DumpObject(ctx.newSyntheticId(), Kind.TABLE_ATTACH, child.namespace(), child.name()).owner(child.owner())
                    .defn("ALTER TABLE ONLY " + parentName + " ATTACH PARTITION " + Sql.qualified(child.namespace(), child.name())
                            + " " + a[2] + ";\n")
                    .belongsTo(child.id()).dependsOn(child.id()).dependsOn(parent));
        }
    }

    private static Long[] parents(ResultSet rs) throws SQLException {
        java.sql.Array a = rs.getArray("parents");
        if (a == null) {
            return new Long[0];
        }
        Object[] raw = (Object[]) a.getArray();
        Long[] out = new Long[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = ((Number) raw[i]).longValue();
        }
        return out;
    }

    /** Whether a parent gives the column a default, which a child column without one must override with DEFAULT NULL. */
    private boolean parentHasDefault(Long[] parents, String column) {
        for (Long parent : parents) {
            for (Column p : columns.getOrDefault(parent, List.of())) {
                if (p.name.equals(column) && p.defaultExpr != null && p.generated == 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private String columnDefinition(long tableOid, Column c, boolean overrideInheritedDefault, boolean identityFromParent) {
        StringBuilder sql = new StringBuilder(Sql.ident(c.name)).append(" ").append(c.type);
        if (c.collation != null) {
            sql.append(" COLLATE ").append(c.collation);
        }
        if (c.generated != 0) {
            sql.append(" GENERATED ALWAYS AS (").append(c.defaultExpr).append(")").append(c.generated == 'v' ? " VIRTUAL" : " STORED");
        } else if (c.defaultExpr != null) {
            sql.append(" DEFAULT ").append(c.defaultExpr);
        } else if (overrideInheritedDefault && c.identity == 0) {
            sql.append(" DEFAULT NULL");
        }
        if (c.identity != 0 && !identityFromParent) {
            IdentitySequence seq = identities.get(tableOid * 10000 + c.attnum);
            sql.append(c.identity == 'a' ? " GENERATED ALWAYS AS IDENTITY" : " GENERATED BY DEFAULT AS IDENTITY");
            if (seq != null) {
                sql.append(" (\n    ").append(seq.options).append("\n)");
            }
        }
        if (c.notNull) {
            sql.append(c.notNullName != null ? " CONSTRAINT " + Sql.ident(c.notNullName) + " NOT NULL" : " NOT NULL");
        }
        return sql.toString();
    }

    private static String storageWord(char code) {
        return switch (code) {
            case 'p' -> "PLAIN";
            case 'e' -> "EXTERNAL";
            case 'm' -> "MAIN";
            default -> "EXTENDED";
        };
    }

    private static String withOptions(String[] options, String[] toastOptions) {
        List<String> all = new ArrayList<>();
        if (options != null) {
            all.addAll(List.of(options));
        }
        if (toastOptions != null) {
            for (String t : toastOptions) {
                all.add("toast." + t);
            }
        }
        return all.isEmpty() ? "" : "\nWITH (" + String.join(", ", all) + ")";
    }

    private void attachAcl(DumpObject object, String onWhat, ResultSet rs, List<Column> cols) throws SQLException {
        String ownerSql = Sql.ident(rs.getString("owner"));
        StringBuilder grants = new StringBuilder(Acl.statements(onWhat, ownerSql, CatalogContext.stringArray(rs, "acl"), null));
        for (Column c : cols) {
            if (c.acl != null) {
                grants.append(Acl.statements(onWhat, ownerSql, c.acl, Sql.ident(c.name)));
            }
        }
        if (grants.length() > 0) {
            object.attach("ACL", onWhat.substring(0, onWhat.indexOf(' ')) + " " + object.name(), grants.toString());
        }
    }

    /** The reader of the last {@link #read} call, so the catalog can finish tables once constraints are read. */
    static RelationReader reading(CatalogContext ctx) throws SQLException {
        RelationReader reader = new RelationReader(ctx);
        reader.readIdentitySequences();
        reader.readColumns();
        reader.readRelations();
        return reader;
    }

    List<DumpObject> objects() {
        return out;
    }
}
