package io.tusk.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Slots missed while the server was down run once at the next start, not once per missed slot. */
class ServerMissedRunTest {
    @Test
    void shouldRunAMissedScheduleOnceAtStartAndPlanTheNextSlotAfterNow() throws Exception {
        Path dataDir = Files.createTempDirectory("tusk-missed");
        Path storage = Files.createTempDirectory("tusk-missed-storage");
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(14)) {
            pg.createDatabase("shop");
            pg.execute("shop", "CREATE TABLE t AS SELECT 1 AS id");
            long scheduleId;
            try (TestServer server = TestServer.start(dataDir)) {
                long storageId = server.post("/api/v1/storages", Map.of("name", "disk", "type", "local",
                        "settings", Map.of("path", storage.toString())), 201).get("id").asLong();
                long databaseId = server.post("/api/v1/databases", Map.of("name", "shop", "host", "127.0.0.1", "port", pg.port(),
                        "database", "shop", "user", EmbeddedPostgres.SUPERUSER, "storageId", storageId), 201).get("id").asLong();
                scheduleId = server.post("/api/v1/schedules", Map.of("databaseId", databaseId, "kind", "hourly", "minute", 0), 201)
                        .get("id").asLong();
            }
            // as if the server had been down for the last five hourly slots
            // whole milliseconds: H2 keeps microseconds and rounds, so a nanosecond instant comes back changed
            Instant missed = Instant.now().minus(Duration.ofHours(5)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("metadata"), "tusk", "");
                 PreparedStatement s = c.prepareStatement("UPDATE scheduled_tasks SET execution_time = ? WHERE task_name = 'tusk-schedule'")) {
                s.setTimestamp(1, Timestamp.from(missed));
                assertThat(s.executeUpdate()).isEqualTo(1);
            }
            try (TestServer server = TestServer.start(dataDir)) {
                JsonNode runs = server.await("/api/v1/runs", r -> r.size() == 1 && r.get(0).get("status").asString().equals("succeeded"),
                        Duration.ofSeconds(60));
                assertThat(Instant.parse(runs.get(0).get("scheduledFor").asString())).isEqualTo(missed);
                Thread.sleep(3000);
                assertThat(server.getJson("/api/v1/runs").size()).isEqualTo(1);
                JsonNode schedule = server.getJson("/api/v1/schedules/" + scheduleId);
                assertThat(Instant.parse(schedule.get("nextRunAt").asString())).isAfter(Instant.now());
            }
        }
    }
}
