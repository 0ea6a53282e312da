package io.tusk.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Runs under control: one at a time per database, cancelled on request with nothing left that looks like a backup,
 * retention applied after success, downloads as stored, and the metrics that count them.
 */
class ServerRunControlTest {
    private static EmbeddedPostgres pg;
    private static TestServer server;
    private static Path storageDir;
    private static long databaseId;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.start(17);
        pg.createDatabase("shop");
        pg.execute("shop", "CREATE TABLE orders AS SELECT g AS id, repeat('x', 50) AS note FROM generate_series(1, 5000) g");
        storageDir = Files.createTempDirectory("tusk-control-storage");
        server = TestServer.start(Files.createTempDirectory("tusk-control-data"));
        long storageId = server.post("/api/v1/storages", Map.of("name", "disk", "type", "local",
                "settings", Map.of("path", storageDir.toString())), 201).get("id").asLong();
        Map<String, Object> db = new HashMap<>(Map.of("name", "shop", "host", "127.0.0.1", "port", pg.port(), "database", "shop",
                "user", EmbeddedPostgres.SUPERUSER, "storageId", storageId));
        databaseId = server.post("/api/v1/databases", db, 201).get("id").asLong();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void shouldRunOneBackupOfADatabaseAtATimeAndCancelWithoutLeavingABackup() throws Exception {
        int backupsBefore = server.getJson("/api/v1/backups?databaseId=" + databaseId).size();
        try (Connection blocker = pg.connect("shop"); Statement s = blocker.createStatement()) {
            // the dump waits for its ACCESS SHARE lock on orders while this transaction holds ACCESS EXCLUSIVE
            blocker.setAutoCommit(false);
            s.execute("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE");
            long first = server.post("/api/v1/databases/" + databaseId + "/backups", "", 202).get("id").asLong();
            server.await("/api/v1/runs/" + first, r -> r.get("status").asString().equals("running"), Duration.ofSeconds(60));
            long second = server.post("/api/v1/databases/" + databaseId + "/backups", "", 202).get("id").asLong();
            Thread.sleep(3000);
            assertThat(server.getJson("/api/v1/runs/" + second).get("status").asString()).isEqualTo("queued");

            JsonNode cancelling = server.post("/api/v1/runs/" + first + "/cancel", "", 200);
            assertThat(cancelling.get("cancelRequested").asBoolean()).isTrue();
            JsonNode cancelled = server.awaitRun(first, Duration.ofSeconds(60));
            assertThat(cancelled.get("status").asString()).as(cancelled.toString()).isEqualTo("cancelled");
            assertThat(cancelled.has("backupId")).isFalse();
            blocker.rollback();
            JsonNode next = server.awaitRun(second, Duration.ofSeconds(60));
            assertThat(next.get("status").asString()).as(next.toString()).isEqualTo("succeeded");
        }
        assertThat(server.getJson("/api/v1/backups?databaseId=" + databaseId).size()).isEqualTo(backupsBefore + 1);
        assertThat(server.post("/api/v1/runs/1/cancel", "").status()).isEqualTo(409);
    }

    @Test
    void shouldApplyRetentionAfterEachSuccessfulBackupAndDownloadAsStored() throws Exception {
        server.await("/api/v1/runs?databaseId=" + databaseId, runs -> runs.findValuesAsString("status").stream()
                .noneMatch(s -> s.equals("queued") || s.equals("running")), Duration.ofSeconds(60));
        Map<String, Object> update = new HashMap<>(server.getJson("/api/v1/databases/" + databaseId).propertyStream()
                .collect(HashMap::new, (m, e) -> m.put(e.getKey(), TestServer.JSON.treeToValue(e.getValue(), Object.class)), HashMap::putAll));
        update.put("retention", Map.of("keepLast", 2));
        assertThat(server.put("/api/v1/databases/" + databaseId, update).status()).isEqualTo(200);

        List<String> made = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JsonNode run = server.awaitRun(server.post("/api/v1/databases/" + databaseId + "/backups", "", 202).get("id").asLong(),
                    Duration.ofSeconds(60));
            assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
            made.add(run.get("backupId").asString());
        }
        JsonNode left = server.getJson("/api/v1/backups?databaseId=" + databaseId);
        assertThat(left.findValuesAsString("backupId")).containsExactlyInAnyOrder(made.get(1), made.get(2));
        try (var files = Files.list(storageDir.resolve("shop"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList())
                    .containsExactlyInAnyOrder(made.get(1) + ".dump", made.get(1) + ".json", made.get(2) + ".dump", made.get(2) + ".json");
        }
        JsonNode preview = server.post("/api/v1/databases/" + databaseId + "/retention/preview", Map.of("keepLast", 1), 200);
        assertThat(preview.get("delete").findValuesAsString("id")).containsExactly(made.get(1));

        TestServer.Response stored = server.get("/api/v1/backups/" + made.get(2) + "/download?stored=true");
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.body().length()).isPositive();
        assertThat(server.delete("/api/v1/backups/" + made.get(1)).status()).isEqualTo(204);
        assertThat(Files.exists(storageDir.resolve("shop").resolve(made.get(1) + ".json"))).isFalse();

        String metrics = server.get("/actuator/prometheus").body();
        assertThat(metrics).contains("tusk_runs_total{kind=\"backup\",status=\"succeeded\"}")
                .contains("tusk_backup_last_success_timestamp_seconds{database=\"shop\"}");
    }

    @Test
    void shouldVerifyABackupAndReportOneThatWasAlteredInItsStorage() throws Exception {
        JsonNode run = server.awaitRun(server.post("/api/v1/databases/" + databaseId + "/backups", "", 202).get("id").asLong(),
                Duration.ofSeconds(60));
        String backupId = run.get("backupId").asString();
        JsonNode verified = server.post("/api/v1/backups/" + backupId + "/verify", "", 200);
        assertThat(verified.has("verifiedAt")).isTrue();
        assertThat(verified.has("verifyError")).isFalse();

        Path object = storageDir.resolve(verified.get("objectKey").asString());
        byte[] bytes = Files.readAllBytes(object);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(object, bytes);
        JsonNode altered = server.post("/api/v1/backups/" + backupId + "/verify", "", 200);
        assertThat(altered.get("verifyError").asString()).contains(backupId).contains("altered");
    }

    /** pg_restore -C: the backup's own database made again on its server, from nothing. */
    @Test
    void shouldRestoreWithCreateIntoTheDatabaseTheBackupWasMadeOf() throws Exception {
        server.await("/api/v1/runs?databaseId=" + databaseId, runs -> runs.findValuesAsString("status").stream()
                .noneMatch(s -> s.equals("queued") || s.equals("running")), Duration.ofSeconds(60));
        JsonNode run = server.awaitRun(server.post("/api/v1/databases/" + databaseId + "/backups", "", 202).get("id").asLong(),
                Duration.ofSeconds(60));
        String backupId = run.get("backupId").asString();
        JsonNode copy = server.awaitRun(server.post("/api/v1/restores", Map.of("backupId", backupId, "newDatabaseName", "shop_reference"), 202)
                .get("id").asLong(), Duration.ofSeconds(60));
        assertThat(copy.get("status").asString()).as(copy.toString()).isEqualTo("succeeded");
        TestServer.Response both = server.post("/api/v1/restores", Map.of("backupId", backupId, "create", true, "newDatabaseName", "x"));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().get("field").asString()).isEqualTo("create");

        pg.dropDatabase("shop");
        JsonNode created = server.awaitRun(server.post("/api/v1/restores", Map.of("backupId", backupId, "create", true), 202)
                .get("id").asLong(), Duration.ofSeconds(60));
        assertThat(created.get("status").asString()).as(created.toString()).isEqualTo("succeeded");
        io.tusk.testing.DatabaseComparator.assertIdentical(pg, "shop_reference", "shop");
    }
}
