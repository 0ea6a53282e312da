package db.migration.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Names of databases, storages and notification channels unique per workspace, not across the server: two teams
 * can both have "prod", and a 409 no longer tells one workspace what another has named its objects. In Java
 * because H2 names the V1 unique constraints itself ("CONSTRAINT_..."): the constraint on the name column is looked
 * up in the information schema, which H2 and PostgreSQL both have, then dropped by its name.
 */
public class V7__Names_unique_per_workspace extends BaseJavaMigration {
    private static final List<String> TABLES = List.of("databases", "storages", "notifiers");

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        for (String table : TABLES) {
            for (String constraint : uniqueOnNameOnly(c, table)) {
                try (Statement s = c.createStatement()) {
                    s.execute("ALTER TABLE " + table + " DROP CONSTRAINT \"" + constraint.replace("\"", "\"\"") + "\"");
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + table + " ADD CONSTRAINT " + table + "_workspace_name UNIQUE (workspace_id, name)");
            }
        }
    }

    /** The unique constraints of the table whose only column is "name". */
    private static List<String> uniqueOnNameOnly(Connection c, String table) throws Exception {
        String sql = """
                SELECT tc.constraint_name
                FROM information_schema.table_constraints tc
                JOIN information_schema.key_column_usage k
                  ON k.constraint_name = tc.constraint_name AND k.constraint_schema = tc.constraint_schema
                WHERE UPPER(tc.table_name) = UPPER(?) AND tc.constraint_type = 'UNIQUE'
                GROUP BY tc.constraint_name
                HAVING COUNT(*) = 1 AND MAX(UPPER(k.column_name)) = 'NAME'""";
        List<String> names = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, table);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    names.add(r.getString(1));
                }
            }
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("no unique constraint on " + table + ".name to replace");
        }
        return names;
    }
}
