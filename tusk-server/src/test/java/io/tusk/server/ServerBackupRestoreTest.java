package io.tusk.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.embedded.EmbeddedPostgres;
import io.tusk.testing.DatabaseComparator;
import io.tusk.testing.SampleDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The server end to end on one PostgreSQL major: a database and a storage registered through the API, a backup
 * run by a schedule and one run on demand, found in the storage with its manifest, restored through the API into
 * an empty database and into a new one, both identical to the source. One subclass per major.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerBackupRestoreTest {
    private static final String SOURCE = "pagila";
    private EmbeddedPostgres pg;
    private TestServer server;
    private Path dataDir;
    private Path storageDir;

    abstract int major();

    @BeforeAll
    void start() throws Exception {
        dataDir = Files.createTempDirectory("tusk-server-data");
        storageDir = Files.createTempDirectory("tusk-server-storage");
        pg = EmbeddedPostgres.start(major());
        pg.createDatabase(SOURCE);
        SampleDatabases.loadPagila(pg, SOURCE);
        pg.createDatabase("restored");
        server = TestServer.start(dataDir);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void shouldBackUpOnScheduleAndOnDemandThenRestoreIdentically() throws Exception {
        JsonNode storage = server.post("/api/v1/storages", Map.of("name", "local disk", "type", "local",
                "settings", Map.of("path", storageDir.toString())), 201);
        long storageId = storage.get("id").asLong();

        JsonNode source = server.post("/api/v1/databases", database("shop", SOURCE, storageId, true), 201);
        long sourceId = source.get("id").asLong();
        assertThat(source.get("serverVersion").asString()).startsWith(major() + ".");
        assertThat(source.get("encrypted").asBoolean()).isTrue();
        assertThat(source.has("password")).isFalse();

        // every two seconds, so the test sees it fire; removed once it has
        JsonNode schedule = server.post("/api/v1/schedules", Map.of("databaseId", sourceId, "kind", "cron",
                "cron", "*/2 * * * * *", "zone", "Europe/Paris"), 201);
        assertThat(schedule.get("nextRuns")).hasSize(5);
        JsonNode scheduled = server.await("/api/v1/runs?databaseId=" + sourceId,
                runs -> runs.size() > 0 && runs.get(runs.size() - 1).get("status").asString().matches("succeeded|failed"),
                Duration.ofSeconds(120));
        assertThat(server.delete("/api/v1/schedules/" + schedule.get("id").asLong()).status()).isEqualTo(204);
        JsonNode firstRun = scheduled.get(scheduled.size() - 1);
        assertThat(firstRun.get("status").asString()).as(firstRun.toString()).isEqualTo("succeeded");
        assertThat(firstRun.get("scheduleId").asLong()).isEqualTo(schedule.get("id").asLong());
        assertThat(server.getJson("/api/v1/audit?action=run.backup").valueStream().map(e -> e.get("detail").asString()))
                .anySatisfy(d -> assertThat(d).startsWith("by schedule " + schedule.get("id").asLong()));

        JsonNode queued = server.post("/api/v1/databases/" + sourceId + "/backups", "", 202);
        JsonNode run = server.awaitRun(queued.get("id").asLong(), Duration.ofSeconds(120));
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.get("rowsDone").asLong()).isPositive();
        assertThat(run.get("log").asString()).contains("dumped public.actor: 200 rows");
        String backupId = run.get("backupId").asString();

        JsonNode backup = server.getJson("/api/v1/backups/" + backupId);
        assertThat(backup.get("encrypted").asBoolean()).isTrue();
        assertThat(backup.get("tableRows").get("public.actor").asLong()).isEqualTo(200);
        Path object = storageDir.resolve(backup.get("objectKey").asString());
        assertThat(object).exists().hasFileName(backupId + ".dump.enc");
        assertThat(storageDir.resolve(backup.get("manifestKey").asString())).exists();
        assertThat(Files.size(object)).isEqualTo(backup.get("storedBytes").asLong());

        JsonNode target = server.post("/api/v1/databases", database("shop copy", "restored", null, false), 201);
        JsonNode restore = server.post("/api/v1/restores", Map.of("backupId", backupId,
                "targetDatabaseId", target.get("id").asLong()), 202);
        JsonNode restored = server.awaitRun(restore.get("id").asLong(), Duration.ofSeconds(120));
        assertThat(restored.get("status").asString()).as(restored.toString()).isEqualTo("succeeded");
        DatabaseComparator.assertIdentical(pg, SOURCE, "restored");

        JsonNode intoNew = server.post("/api/v1/restores", Map.of("backupId", backupId, "targetDatabaseId", sourceId,
                "newDatabaseName", "pagila_new", "jobs", 2), 202);
        JsonNode created = server.awaitRun(intoNew.get("id").asLong(), Duration.ofSeconds(120));
        assertThat(created.get("status").asString()).as(created.toString()).isEqualTo("succeeded");
        DatabaseComparator.assertIdentical(pg, SOURCE, "pagila_new");

        TestServer.Response download = server.get("/api/v1/backups/" + backupId + "/download");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).startsWith("PGDMP");
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> v.contains(backupId + ".dump"));

        assertThat(server.getJson("/api/v1/backups?databaseId=" + sourceId).size()).isGreaterThanOrEqualTo(2);
        List<String> storedFiles;
        try (var files = Files.walk(storageDir)) {
            storedFiles = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
        }
        assertThat(storedFiles).contains(backupId + ".dump.enc", backupId + ".json");
    }

    private Map<String, Object> database(String name, String dbname, Long storageId, boolean encrypted) {
        Map<String, Object> d = new java.util.HashMap<>(Map.of("name", name, "host", "127.0.0.1", "port", pg.port(),
                "database", dbname, "user", EmbeddedPostgres.SUPERUSER, "encrypted", encrypted));
        if (storageId != null) {
            d.put("storageId", storageId);
        }
        return d;
    }
}
