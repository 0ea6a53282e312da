package io.tusk.catalog;

import static io.tusk.catalog.CatalogContext.PG_CLASS;
import static io.tusk.catalog.CatalogContext.PG_CONSTRAINT;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Table constraints. Validated CHECK constraints go inside CREATE TABLE (returned as {@link #inlineChecks}); keys,
 * unique, exclusion and foreign keys come after the data, as pg_dump does, so loading is fast and FK cycles restore.
 */
final class ConstraintReader {
    final List<DumpObject> objects = new ArrayList<>();
    final Map<Long, List<String>> inlineChecks = new HashMap<>();
    /** Inline CHECK constraint oid → its table, for pg_depend. */
    final Map<ObjectId, ObjectId> aliases = new HashMap<>();
    /** Index oid → the constraint that owns it. */
    final Map<Long, ObjectId> constraintOfIndex = new HashMap<>();

    static ConstraintReader read(CatalogContext ctx) throws SQLException {
        ConstraintReader r = new ConstraintReader();
        ctx.query("SELECT c.oid, c.conname, c.contype, c.conrelid, c.conindid, c.conparentid, c.conislocal, c.convalidated,"
                + " pg_catalog.pg_get_constraintdef(c.oid) AS def, r.relname, n.nspname, r.relkind,"
                + " pg_catalog.pg_get_userbyid(r.relowner) AS owner"
                + " FROM pg_catalog.pg_constraint c JOIN pg_catalog.pg_class r ON r.oid = c.conrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace"
                + " WHERE c.contype IN ('p', 'u', 'x', 'f', 'c', 'n') AND r.relkind IN ('r', 'p')"
                + " AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'"
                + " ORDER BY n.nspname, r.relname, c.conname", rs -> {
            long oid = rs.getLong("oid");
            char type = rs.getString("contype").charAt(0);
            String schema = rs.getString("nspname");
            String table = rs.getString("relname");
            String qt = Sql.qualified(schema, table);
            String name = rs.getString("conname");
            ObjectId tableId = new ObjectId(PG_CLASS, rs.getLong("conrelid"));
            String constraint = "CONSTRAINT " + Sql.ident(name) + " " + rs.getString("def");
            boolean partitioned = "p".equals(rs.getString("relkind"));
            // PostgreSQL 18 stores NOT NULL as constraints: valid ones are written with their column (RelationReader),
            // only their comments and NOT VALID ones (added after the data, as CHECKs are) are left here.
            if (type == 'n' && (!rs.getBoolean("conislocal") || rs.getBoolean("convalidated"))) {
                String comment = ctx.comment(PG_CONSTRAINT, oid, 0);
                if (comment != null && rs.getBoolean("conislocal")) {
                    r.pendingComments.add(new Object[] {tableId, "CONSTRAINT " + Sql.ident(name) + " ON " + qt, comment});
                }
                r.aliases.put(new ObjectId(PG_CONSTRAINT, oid), tableId);
                return;
            }
            if (type == 'c') {
                if (!rs.getBoolean("conislocal")) {
                    return; // inherited from a parent, which creates it
                }
                if (rs.getBoolean("convalidated")) {
                    r.inlineChecks.computeIfAbsent(rs.getLong("conrelid"), k -> new ArrayList<>()).add(constraint);
                    r.aliases.put(new ObjectId(PG_CONSTRAINT, oid), tableId);
                    String comment = ctx.comment(PG_CONSTRAINT, oid, 0);
                    if (comment != null) {
                        r.pendingComments.add(new Object[] {tableId, "CONSTRAINT " + Sql.ident(name) + " ON " + qt, comment});
                    }
                    return;
                }
            }
            if (type == 'f' && rs.getLong("conparentid") != 0) {
                return; // a partition's copy of its parent's foreign key, created with it
            }
            Kind kind = switch (type) {
                case 'f' -> Kind.FK_CONSTRAINT;
                case 'c', 'n' -> Kind.CHECK_CONSTRAINT;
                default -> Kind.CONSTRAINT;
            };
            // ALTER TABLE ONLY cannot add foreign keys or CHECKs to partitioned tables; CHECKs must reach inheritance children.
            String only = (type == 'f' && partitioned) || type == 'c' || type == 'n' ? "" : "ONLY ";
            DumpObject con = new DumpObject(new ObjectId(PG_CONSTRAINT, oid), kind, schema, name).tag(table + " " + name)
                    .owner(rs.getString("owner")).belongsTo(tableId).dependsOn(tableId)
                    .defn("ALTER TABLE " + only + qt + "\n    ADD " + constraint + ";\n")
                    .dropStmt("ALTER TABLE " + only + qt + " DROP CONSTRAINT " + Sql.ident(name) + ";\n");
            ctx.attachComment(con, PG_CONSTRAINT, oid, 0, "CONSTRAINT " + Sql.ident(name) + " ON " + qt);
            if (rs.getLong("conindid") != 0 && type != 'f') {
                r.constraintOfIndex.put(rs.getLong("conindid"), con.id());
            }
            r.objects.add(con);
        });
        return r;
    }

    /** Comments on inline CHECK constraints, attached to their table once tables exist: {tableId, what, text}. */
    final List<Object[]> pendingComments = new ArrayList<>();
}
