package io.tusk.catalog;

import static io.tusk.catalog.CatalogContext.PG_ATTRDEF;
import static io.tusk.catalog.CatalogContext.PG_CLASS;
import static io.tusk.catalog.CatalogContext.PG_CONSTRAINT;
import static io.tusk.catalog.CatalogContext.PG_REWRITE;
import static io.tusk.catalog.CatalogContext.PG_TYPE;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything Tusk dumps from one database, read inside the caller's snapshot: the objects and, from pg_depend,
 * which must be created before which.
 */
public final class Catalog {
    private final List<DumpObject> objects;
    private final Map<ObjectId, Set<ObjectId>> dependencies;

    private final Map<ObjectId, Set<ObjectId>> foreignKeys;

    private Catalog(List<DumpObject> objects, Map<ObjectId, Set<ObjectId>> dependencies, Map<ObjectId, Set<ObjectId>> foreignKeys) {
        this.objects = objects;
        this.dependencies = dependencies;
        this.foreignKeys = foreignKeys;
    }

    /** The tables a table's foreign keys reference (itself excluded). */
    public Set<ObjectId> referencedTables(ObjectId table) {
        return foreignKeys.getOrDefault(table, Set.of());
    }

    public List<DumpObject> objects() {
        return objects;
    }

    /** What the object must come after: pg_depend's edges plus its explicit ones, limited to dumped objects. */
    public Set<ObjectId> dependenciesOf(DumpObject object) {
        Set<ObjectId> deps = new LinkedHashSet<>(dependencies.getOrDefault(object.id(), Set.of()));
        deps.addAll(object.explicitDependencies());
        return deps;
    }

    public static Catalog read(CatalogContext ctx) throws SQLException {
        List<DumpObject> objects = new ArrayList<>();
        objects.addAll(SchemaReader.read(ctx));
        objects.addAll(ExtensionReader.read(ctx));
        objects.addAll(CollationReader.read(ctx));
        objects.addAll(TypeReader.read(ctx));
        objects.addAll(FunctionReader.read(ctx));
        objects.addAll(OperatorReader.read(ctx));
        objects.addAll(AccessMethodReader.read(ctx));
        objects.addAll(OperatorClassReader.read(ctx));
        objects.addAll(CastReader.read(ctx));
        objects.addAll(TextSearchReader.read(ctx));
        objects.addAll(ForeignDataReader.read(ctx));
        RelationReader relations = RelationReader.reading(ctx);
        ConstraintReader constraints = ConstraintReader.read(ctx);
        relations.finishTables(constraints.inlineChecks);
        objects.addAll(relations.objects());
        objects.addAll(constraints.objects);
        Map<ObjectId, DumpObject> byId = new HashMap<>();
        for (DumpObject o : objects) {
            byId.put(o.id(), o);
        }
        for (Object[] c : constraints.pendingComments) {
            DumpObject table = byId.get((ObjectId) c[0]);
            if (table != null) {
                table.attach("COMMENT", (String) c[1], "COMMENT ON " + c[1] + " IS " + Sql.literal((String) c[2]) + ";\n");
            }
        }
        objects.addAll(IndexReader.read(ctx, constraints, byId));
        objects.addAll(TableChildReader.read(ctx));
        objects.addAll(StatisticsReader.read(ctx));
        objects.addAll(PublicationReader.read(ctx));
        objects.addAll(EventTriggerReader.read(ctx));
        objects.addAll(LargeObjectReader.read(ctx));
        objects.addAll(DefaultAclReader.read(ctx));
        for (DumpObject o : objects) {
            byId.put(o.id(), o);
        }
        Map<ObjectId, ObjectId> aliases = aliases(ctx, constraints);
        Map<ObjectId, Set<ObjectId>> foreignKeys = new HashMap<>();
        ctx.query("SELECT conrelid, confrelid FROM pg_catalog.pg_constraint WHERE contype = 'f' AND conrelid <> confrelid", rs ->
                foreignKeys.computeIfAbsent(new ObjectId(PG_CLASS, rs.getLong(1)), k -> new LinkedHashSet<>())
                        .add(new ObjectId(PG_CLASS, rs.getLong(2))));
        return new Catalog(objects, readDependencies(ctx, byId, aliases), foreignKeys);
    }

    /**
     * pg_depend names parts of objects (a column default, a view's rule, a table's row type); each part stands for
     * the dumped object that creates it.
     */
    private static Map<ObjectId, ObjectId> aliases(CatalogContext ctx, ConstraintReader constraints) throws SQLException {
        Map<ObjectId, ObjectId> aliases = new HashMap<>(constraints.aliases);
        constraints.constraintOfIndex.forEach((index, con) -> aliases.put(new ObjectId(PG_CLASS, index), con));
        ctx.query("SELECT oid, adrelid FROM pg_catalog.pg_attrdef", rs ->
                aliases.put(new ObjectId(PG_ATTRDEF, rs.getLong(1)), new ObjectId(PG_CLASS, rs.getLong(2))));
        ctx.query("SELECT oid, ev_class FROM pg_catalog.pg_rewrite WHERE rulename = '_RETURN'", rs ->
                aliases.put(new ObjectId(PG_REWRITE, rs.getLong(1)), new ObjectId(PG_CLASS, rs.getLong(2))));
        ctx.query("SELECT t.oid, t.typrelid, c.relkind FROM pg_catalog.pg_type t JOIN pg_catalog.pg_class c ON c.oid = t.typrelid"
                + " WHERE t.oid >= 16384", rs -> {
            ObjectId type = new ObjectId(PG_TYPE, rs.getLong(1));
            ObjectId rel = new ObjectId(PG_CLASS, rs.getLong(2));
            if ("c".equals(rs.getString(3))) {
                aliases.put(rel, type);
            } else {
                aliases.put(type, rel);
            }
        });
        ctx.query("SELECT t.typarray, t.oid FROM pg_catalog.pg_type t WHERE t.typarray <> 0 AND t.oid >= 16384", rs ->
                aliases.put(new ObjectId(PG_TYPE, rs.getLong(1)), new ObjectId(PG_TYPE, rs.getLong(2))));
        if (ctx.atLeast(14)) {
            ctx.query("SELECT rngmultitypid, rngtypid FROM pg_catalog.pg_range WHERE rngtypid >= 16384", rs ->
                    aliases.put(new ObjectId(PG_TYPE, rs.getLong(1)), new ObjectId(PG_TYPE, rs.getLong(2))));
        }
        // Members of operator classes and families (pg_amop, pg_amproc rows) stand for the class or family.
        ctx.query("SELECT classid, objid, refclassid, refobjid FROM pg_catalog.pg_depend"
                + " WHERE classid IN ('pg_catalog.pg_amop'::pg_catalog.regclass, 'pg_catalog.pg_amproc'::pg_catalog.regclass)"
                + " AND refclassid IN ('pg_catalog.pg_opclass'::pg_catalog.regclass, 'pg_catalog.pg_opfamily'::pg_catalog.regclass)"
                + " AND deptype IN ('a', 'i') AND objid >= 16384", rs ->
                aliases.put(new ObjectId(rs.getLong(1), rs.getLong(2)), new ObjectId(rs.getLong(3), rs.getLong(4))));
        ctx.query("SELECT oid, contypid FROM pg_catalog.pg_constraint WHERE contypid <> 0", rs ->
                aliases.put(new ObjectId(PG_CONSTRAINT, rs.getLong(1)), new ObjectId(PG_TYPE, rs.getLong(2))));
        ctx.query("SELECT d.objid, d.refobjid FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_class c ON c.oid = d.objid"
                + " WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.refclassid = 'pg_catalog.pg_class'::regclass"
                + " AND d.deptype = 'i' AND c.relkind = 'S'", rs ->
                aliases.put(new ObjectId(PG_CLASS, rs.getLong(1)), new ObjectId(PG_CLASS, rs.getLong(2))));
        return aliases;
    }

    private static ObjectId resolve(Map<ObjectId, ObjectId> aliases, ObjectId id) {
        for (int hops = 0; hops < 4; hops++) {
            ObjectId next = aliases.get(id);
            if (next == null) {
                return id;
            }
            id = next;
        }
        return id;
    }

    private static Map<ObjectId, Set<ObjectId>> readDependencies(CatalogContext ctx, Map<ObjectId, DumpObject> byId,
                                                                 Map<ObjectId, ObjectId> aliases) throws SQLException {
        Map<ObjectId, Set<ObjectId>> deps = new LinkedHashMap<>();
        ctx.query("SELECT classid, objid, refclassid, refobjid, deptype FROM pg_catalog.pg_depend"
                + " WHERE objid >= 16384 AND refobjid >= 16384 AND deptype IN ('n', 'a', 'i')", rs -> {
            ObjectId from = resolve(aliases, new ObjectId(rs.getLong(1), rs.getLong(2)));
            ObjectId to = resolve(aliases, new ObjectId(rs.getLong(3), rs.getLong(4)));
            DumpObject dependent = byId.get(from);
            DumpObject referenced = byId.get(to);
            if (dependent == null || referenced == null || from.equals(to)) {
                return;
            }
            // A sequence OWNED BY a table would make a cycle with the table's nextval() default; the
            // SEQUENCE OWNED BY entry carries that edge instead.
            if (dependent.kind() == Kind.SEQUENCE && referenced.kind() == Kind.TABLE) {
                return;
            }
            deps.computeIfAbsent(from, k -> new LinkedHashSet<>()).add(to);
        });
        return deps;
    }
}
