package io.tusk.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two servers sharing one PostgreSQL metadata database: every schedule slot is run exactly once, by one of them,
 * and when one server goes away the other runs the next slots.
 */
class ServerClusterTest {
    private static EmbeddedPostgres pg;
    private static Path storageDir;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.start(16);
        pg.createDatabase("tusk_meta");
        pg.createDatabase("shop");
        pg.execute("shop", "CREATE TABLE orders AS SELECT g AS id, md5(g::text) AS note FROM generate_series(1, 2000) g");
        storageDir = Files.createTempDirectory("tusk-cluster-storage");
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    private static TestServer server() throws Exception {
        ServerOptions options = ServerOptions.defaults(Files.createTempDirectory("tusk-cluster-node")).withPort(0)
                .withMetadata(pg.jdbcUrl("tusk_meta"), null, null);
        // both nodes must decrypt what the other stored: one master key for the cluster
        return TestServer.start(options, "--tusk.master-key=" + "ab".repeat(32));
    }

    @Test
    void shouldRunEachScheduledSlotExactlyOnceAcrossTwoServersAndGoOnWhenOneStops() throws Exception {
        TestServer a = server();
        TestServer b = server();
        try {
            long storageId = a.post("/api/v1/storages", Map.of("name", "shared disk", "type", "local",
                    "settings", Map.of("path", storageDir.toString())), 201).get("id").asLong();
            long databaseId = a.post("/api/v1/databases", Map.of("name", "shop", "host", "127.0.0.1", "port", pg.port(),
                    "database", "shop", "user", EmbeddedPostgres.SUPERUSER, "storageId", storageId), 201).get("id").asLong();
            assertThat(b.getJson("/api/v1/databases/" + databaseId).get("name").asString()).isEqualTo("shop");

            long scheduleId = b.post("/api/v1/schedules", Map.of("databaseId", databaseId, "kind", "cron", "cron", "*/2 * * * * *"), 201)
                    .get("id").asLong();
            a.await("/api/v1/runs?databaseId=" + databaseId, runs -> finished(runs) >= 4, Duration.ofSeconds(90));
            assertThat(a.delete("/api/v1/schedules/" + scheduleId).status()).isEqualTo(204);
            JsonNode runs = a.await("/api/v1/runs?databaseId=" + databaseId, r -> finished(r) == r.size(), Duration.ofSeconds(90));

            Set<String> slots = new HashSet<>();
            List<String> nodes = new ArrayList<>();
            for (JsonNode run : runs) {
                assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
                assertThat(slots.add(run.get("scheduledFor").asString())).as("slot run twice: " + run).isTrue();
                nodes.add(run.get("node").asString());
            }
            assertThat(a.getJson("/api/v1/backups?databaseId=" + databaseId)).hasSize(runs.size());

            String nodeOfB = Files.readString(Path.of(b.context().getBean(DataDirectory.class).root().toString(), "node-id")).trim();
            a.close();
            a = null;
            long second = b.post("/api/v1/schedules", Map.of("databaseId", databaseId, "kind", "cron", "cron", "*/2 * * * * *"), 201)
                    .get("id").asLong();
            int before = runs.size();
            JsonNode later = b.await("/api/v1/runs?databaseId=" + databaseId, r -> finished(r) >= before + 2, Duration.ofSeconds(90));
            b.delete("/api/v1/schedules/" + second);
            for (int i = 0; i < later.size() - before; i++) {
                JsonNode run = later.get(i);
                if (run.get("status").asString().equals("succeeded")) {
                    assertThat(run.get("node").asString()).isEqualTo(nodeOfB);
                }
            }
        } finally {
            if (a != null) {
                a.close();
            }
            b.close();
        }
    }

    private static int finished(JsonNode runs) {
        int n = 0;
        for (JsonNode run : runs) {
            if (run.get("status").asString().matches("succeeded|failed|cancelled")) {
                n++;
            }
        }
        return n;
    }
}
