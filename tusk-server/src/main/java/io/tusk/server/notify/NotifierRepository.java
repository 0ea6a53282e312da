package io.tusk.server.notify;

import io.tusk.notify.DeliveryOutcome;
import io.tusk.server.api.ApiException;
import io.tusk.server.secret.SecretBox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class NotifierRepository {
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {
    };
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JdbcClient jdbc;
    private final SecretBox secrets;

    NotifierRepository(JdbcClient jdbc, SecretBox secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    List<NotifierView> list() {
        return jdbc.sql("SELECT * FROM notifiers ORDER BY name").query((rs, n) -> view(rs)).list();
    }

    Optional<NotifierView> find(long id) {
        return jdbc.sql("SELECT * FROM notifiers WHERE id = ?").param(id).query((rs, n) -> view(rs)).optional();
    }

    NotifierView get(long id) {
        return find(id).orElseThrow(() -> ApiException.notFound("notifier", id));
    }

    Map<String, String> secretsOf(long id) {
        String sealed = jdbc.sql("SELECT secrets FROM notifiers WHERE id = ?").param(id).query(String.class).optional().orElse(null);
        return secrets.openMap(sealed, "notifiers.secrets:" + id);
    }

    long insert(String name, String type, Map<String, String> settings, List<String> events, boolean isDefault, long workspaceId) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO notifiers (name, type, settings, events, is_default, created_at, workspace_id) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(name, type, JSON.writeValueAsString(new TreeMap<>(settings)), String.join(",", events), isDefault,
                        Timestamp.from(Instant.now()), workspaceId)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void update(long id, String name, String type, Map<String, String> settings, List<String> events, boolean isDefault) {
        jdbc.sql("UPDATE notifiers SET name = ?, type = ?, settings = ?, events = ?, is_default = ? WHERE id = ?")
                .params(name, type, JSON.writeValueAsString(new TreeMap<>(settings)), String.join(",", events), isDefault, id).update();
    }

    void storeSecrets(long id, Map<String, String> values) {
        String sealed = secrets.sealMap(values, "notifiers.secrets:" + id);
        jdbc.sql("UPDATE notifiers SET secrets = ? WHERE id = ?").params(sealed, id).update();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM notifiers WHERE id = ?").param(id).update();
    }

    /** The channels a database notifies: its own choice, or its workspace's default channels when it made none. */
    List<Long> channelsOf(Long databaseId) {
        if (databaseId != null) {
            List<Long> chosen = jdbc.sql("SELECT notifier_id FROM database_notifiers WHERE database_id = ?").param(databaseId)
                    .query(Long.class).list();
            if (!chosen.isEmpty()) {
                return chosen;
            }
        }
        if (databaseId == null) {
            return List.of();
        }
        return jdbc.sql("SELECT n.id FROM notifiers n JOIN databases d ON d.workspace_id = n.workspace_id WHERE n.is_default = TRUE AND d.id = ?")
                .param(databaseId).query(Long.class).list();
    }

    List<Long> defaultsOf(long workspaceId) {
        return jdbc.sql("SELECT id FROM notifiers WHERE is_default = TRUE AND workspace_id = ?").param(workspaceId).query(Long.class).list();
    }

    List<Long> chosenBy(long databaseId) {
        return jdbc.sql("SELECT notifier_id FROM database_notifiers WHERE database_id = ? ORDER BY notifier_id").param(databaseId)
                .query(Long.class).list();
    }

    void choose(long databaseId, List<Long> notifierIds) {
        jdbc.sql("DELETE FROM database_notifiers WHERE database_id = ?").param(databaseId).update();
        for (Long id : new TreeSet<>(notifierIds)) {
            jdbc.sql("INSERT INTO database_notifiers (database_id, notifier_id) VALUES (?, ?)").params(databaseId, id).update();
        }
    }

    void record(long notifierId, DeliveryOutcome o) {
        jdbc.sql("INSERT INTO notification_deliveries (notifier_id, message_id, event, database_name, status, attempt, at, error)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(notifierId, o.messageId(), o.event().key(), o.database(), o.status().name(), o.attempt(),
                        Timestamp.from(o.at()), o.error() == null ? null : o.error().length() > 3900 ? o.error().substring(0, 3900) : o.error())
                .update();
    }

    List<DeliveryRecord> deliveries(long notifierId, int limit) {
        return jdbc.sql("SELECT * FROM notification_deliveries WHERE notifier_id = ? ORDER BY id DESC LIMIT " + Math.max(1, Math.min(limit, 1000)))
                .param(notifierId)
                .query((rs, n) -> new DeliveryRecord(rs.getLong("id"), rs.getLong("notifier_id"), rs.getString("message_id"),
                        rs.getString("event"), rs.getString("database_name"), rs.getString("status"), rs.getInt("attempt"),
                        rs.getTimestamp("at").toInstant(), rs.getString("error")))
                .list();
    }

    private NotifierView view(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        String sealed = rs.getString("secrets");
        java.util.Set<String> secretNames = new TreeSet<>(secrets.openMap(sealed, "notifiers.secrets:" + id).keySet());
        String events = rs.getString("events");
        return new NotifierView(id, rs.getString("name"), rs.getString("type"), JSON.readValue(rs.getString("settings"), MAP),
                secretNames, events.isEmpty() ? List.of() : Arrays.asList(events.split(",")), rs.getBoolean("is_default"),
                rs.getTimestamp("created_at").toInstant(), rs.getLong("workspace_id"));
    }
}
