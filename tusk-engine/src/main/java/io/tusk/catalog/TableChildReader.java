package io.tusk.catalog;

import static io.tusk.catalog.CatalogContext.PG_CLASS;
import static io.tusk.catalog.CatalogContext.PG_POLICY;
import static io.tusk.catalog.CatalogContext.PG_REWRITE;
import static io.tusk.catalog.CatalogContext.PG_TRIGGER;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Triggers, rules and row-level security policies: post-data objects that hang off one table or view. */
final class TableChildReader {
    private TableChildReader() {
    }

    private static final String USER_TABLE = " AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'";

    static List<DumpObject> read(CatalogContext ctx) throws SQLException {
        List<DumpObject> out = new ArrayList<>();
        // PostgreSQL 13 marks a partition's copy of its parent's trigger with tgparentid; 12 marks it internal.
        String notCloned = ctx.atLeast(13) ? " AND tg.tgparentid = 0" : "";
        ctx.query("SELECT tg.oid, tg.tgname, tg.tgrelid, c.relname, n.nspname, pg_catalog.pg_get_triggerdef(tg.oid) AS def,"
                + " tg.tgenabled, pg_catalog.pg_get_userbyid(c.relowner) AS owner FROM pg_catalog.pg_trigger tg"
                + " JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE NOT tg.tgisinternal" + notCloned + USER_TABLE + " ORDER BY n.nspname, c.relname, tg.tgname", rs -> {
            String table = rs.getString("relname");
            String qt = Sql.qualified(rs.getString("nspname"), table);
            String name = rs.getString("tgname");
            String on = Sql.ident(name) + " ON " + qt;
            StringBuilder defn = new StringBuilder(rs.getString("def")).append(";\n");
            switch (rs.getString("tgenabled").charAt(0)) {
                case 'D' -> defn.append("ALTER TABLE ").append(qt).append(" DISABLE TRIGGER ").append(Sql.ident(name)).append(";\n");
                case 'R' -> defn.append("ALTER TABLE ").append(qt).append(" ENABLE REPLICA TRIGGER ").append(Sql.ident(name)).append(";\n");
                case 'A' -> defn.append("ALTER TABLE ").append(qt).append(" ENABLE ALWAYS TRIGGER ").append(Sql.ident(name)).append(";\n");
                default -> { }
            }
            ObjectId tableId = new ObjectId(PG_CLASS, rs.getLong("tgrelid"));
            DumpObject trigger = new DumpObject(new ObjectId(PG_TRIGGER, rs.getLong("oid")), Kind.TRIGGER, rs.getString("nspname"), name)
                    .tag(table + " " + name).owner(rs.getString("owner")).belongsTo(tableId).dependsOn(tableId)
                    .defn(defn.toString()).dropStmt("DROP TRIGGER " + on + ";\n");
            ctx.attachComment(trigger, PG_TRIGGER, rs.getLong("oid"), 0, "TRIGGER " + on);
            out.add(trigger);
        });
        ctx.query("SELECT r.oid, r.rulename, r.ev_class, c.relname, n.nspname, pg_catalog.pg_get_ruledef(r.oid) AS def, r.ev_enabled,"
                + " pg_catalog.pg_get_userbyid(c.relowner) AS owner FROM pg_catalog.pg_rewrite r"
                + " JOIN pg_catalog.pg_class c ON c.oid = r.ev_class JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE r.rulename <> '_RETURN'" + USER_TABLE + " ORDER BY n.nspname, c.relname, r.rulename", rs -> {
            String table = rs.getString("relname");
            String qt = Sql.qualified(rs.getString("nspname"), table);
            String name = rs.getString("rulename");
            String on = Sql.ident(name) + " ON " + qt;
            StringBuilder defn = new StringBuilder(rs.getString("def").stripTrailing()).append("\n");
            if ("D".equals(rs.getString("ev_enabled"))) {
                defn.append("ALTER TABLE ").append(qt).append(" DISABLE RULE ").append(Sql.ident(name)).append(";\n");
            }
            ObjectId tableId = new ObjectId(PG_CLASS, rs.getLong("ev_class"));
            DumpObject rule = new DumpObject(new ObjectId(PG_REWRITE, rs.getLong("oid")), Kind.RULE, rs.getString("nspname"), name)
                    .tag(table + " " + name).owner(rs.getString("owner")).belongsTo(tableId).dependsOn(tableId)
                    .defn(defn.toString()).dropStmt("DROP RULE " + on + ";\n");
            ctx.attachComment(rule, PG_REWRITE, rs.getLong("oid"), 0, "RULE " + on);
            out.add(rule);
        });
        ctx.query("SELECT p.oid, p.polname, p.polrelid, c.relname, n.nspname, p.polcmd, p.polpermissive,"
                + " CASE WHEN p.polroles = '{0}' THEN NULL ELSE pg_catalog.array_to_string(ARRAY(SELECT pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(x.r))"
                + "   FROM pg_catalog.unnest(p.polroles) WITH ORDINALITY AS x(r, ord) ORDER BY x.ord), ', ') END AS roles,"
                + " pg_catalog.pg_get_expr(p.polqual, p.polrelid) AS qual, pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) AS withcheck,"
                + " pg_catalog.pg_get_userbyid(c.relowner) AS owner"
                + " FROM pg_catalog.pg_policy p JOIN pg_catalog.pg_class c ON c.oid = p.polrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE true" + USER_TABLE
                + " ORDER BY n.nspname, c.relname, p.polname", rs -> {
            String table = rs.getString("relname");
            String qt = Sql.qualified(rs.getString("nspname"), table);
            String name = rs.getString("polname");
            String on = Sql.ident(name) + " ON " + qt;
            String command = switch (rs.getString("polcmd").charAt(0)) {
                case 'r' -> "SELECT";
                case 'a' -> "INSERT";
                case 'w' -> "UPDATE";
                case 'd' -> "DELETE";
                default -> "ALL";
            };
            StringBuilder defn = new StringBuilder("CREATE POLICY ").append(on);
            if (!rs.getBoolean("polpermissive")) {
                defn.append(" AS RESTRICTIVE");
            }
            defn.append(" FOR ").append(command);
            if (rs.getString("roles") != null) {
                defn.append(" TO ").append(rs.getString("roles"));
            }
            if (rs.getString("qual") != null) {
                defn.append(" USING (").append(rs.getString("qual")).append(")");
            }
            if (rs.getString("withcheck") != null) {
                defn.append(" WITH CHECK (").append(rs.getString("withcheck")).append(")");
            }
            ObjectId tableId = new ObjectId(PG_CLASS, rs.getLong("polrelid"));
            DumpObject policy = new DumpObject(new ObjectId(PG_POLICY, rs.getLong("oid")), Kind.POLICY, rs.getString("nspname"), name)
                    .tag(table + " " + name).owner(rs.getString("owner")).belongsTo(tableId).dependsOn(tableId)
                    .defn(defn.append(";\n").toString()).dropStmt("DROP POLICY " + on + ";\n");
            ctx.attachComment(policy, PG_POLICY, rs.getLong("oid"), 0, "POLICY " + on);
            out.add(policy);
        });
        return out;
    }
}
