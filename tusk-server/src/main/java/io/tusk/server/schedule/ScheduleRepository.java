package io.tusk.server.schedule;

import io.tusk.server.api.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class ScheduleRepository {
    private final JdbcClient jdbc;

    ScheduleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(long id, long databaseId, ScheduleSpec spec, boolean enabled, Instant createdAt) {
    }

    List<Row> list(Long databaseId) {
        return databaseId == null
                ? jdbc.sql("SELECT * FROM schedules ORDER BY id").query((rs, n) -> row(rs)).list()
                : jdbc.sql("SELECT * FROM schedules WHERE database_id = ? ORDER BY id").param(databaseId).query((rs, n) -> row(rs)).list();
    }

    Optional<Row> find(long id) {
        return jdbc.sql("SELECT * FROM schedules WHERE id = ?").param(id).query((rs, n) -> row(rs)).optional();
    }

    Row get(long id) {
        return find(id).orElseThrow(() -> ApiException.notFound("schedule", id));
    }

    long insert(long databaseId, ScheduleSpec spec, boolean enabled) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO schedules (database_id, kind, expression, cron, zone, enabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(databaseId, spec.kind(), spec.expression(), spec.cron(), spec.zone().getId(), enabled, Timestamp.from(Instant.now()))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void update(long id, long databaseId, ScheduleSpec spec, boolean enabled) {
        jdbc.sql("UPDATE schedules SET database_id = ?, kind = ?, expression = ?, cron = ?, zone = ?, enabled = ? WHERE id = ?")
                .params(databaseId, spec.kind(), spec.expression(), spec.cron(), spec.zone().getId(), enabled, id).update();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM schedules WHERE id = ?").param(id).update();
    }

    private static Row row(ResultSet rs) throws SQLException {
        ScheduleSpec spec = new ScheduleSpec(rs.getString("kind"), rs.getString("expression"), rs.getString("cron"), ZoneId.of(rs.getString("zone")));
        return new Row(rs.getLong("id"), rs.getLong("database_id"), spec, rs.getBoolean("enabled"), rs.getTimestamp("created_at").toInstant());
    }
}
