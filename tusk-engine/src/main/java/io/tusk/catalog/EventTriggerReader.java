package io.tusk.catalog;

import static io.tusk.catalog.CatalogContext.PG_EVENT_TRIGGER;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Event triggers. The restore creates them last, after the privileges, so that they do not fire during it. */
final class EventTriggerReader {
    private EventTriggerReader() {
    }

    static List<DumpObject> read(CatalogContext ctx) throws SQLException {
        List<DumpObject> out = new ArrayList<>();
        ctx.query("SELECT e.oid, e.evtname, e.evtevent, pg_catalog.pg_get_userbyid(e.evtowner) AS owner, e.evtfoid::pg_catalog.regproc AS func,"
                + " e.evtenabled, pg_catalog.array_to_string(ARRAY(SELECT pg_catalog.quote_literal(t) FROM pg_catalog.unnest(e.evttags) t), ', ') AS tags"
                + " FROM pg_catalog.pg_event_trigger e WHERE " + CatalogContext.notExtensionMember("pg_event_trigger", "e.oid")
                + " ORDER BY e.evtname", rs -> {
            long oid = rs.getLong("oid");
            String name = rs.getString("evtname");
            String q = Sql.ident(name);
            StringBuilder defn = new StringBuilder("CREATE EVENT TRIGGER ").append(q).append(" ON ").append(rs.getString("evtevent"));
            if (rs.getString("tags") != null && !rs.getString("tags").isEmpty()) {
                defn.append("\n         WHEN TAG IN (").append(rs.getString("tags")).append(")");
            }
            defn.append("\n   EXECUTE FUNCTION ").append(rs.getString("func")).append("();\n");
            switch (rs.getString("evtenabled").charAt(0)) {
                case 'D' -> defn.append("\nALTER EVENT TRIGGER ").append(q).append(" DISABLE;\n");
                case 'R' -> defn.append("\nALTER EVENT TRIGGER ").append(q).append(" ENABLE REPLICA;\n");
                case 'A' -> defn.append("\nALTER EVENT TRIGGER ").append(q).append(" ENABLE ALWAYS;\n");
                default -> { }
            }
            DumpObject trigger = new DumpObject(new ObjectId(PG_EVENT_TRIGGER, oid), Kind.EVENT_TRIGGER, null, name)
                    .owner(rs.getString("owner")).defn(defn.toString()).dropStmt("DROP EVENT TRIGGER " + q + ";\n");
            ctx.attachComment(trigger, PG_EVENT_TRIGGER, oid, 0, "EVENT TRIGGER " + q);
            out.add(trigger);
        });
        return out;
    }
}
