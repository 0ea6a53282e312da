package io.tusk.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tusk.TuskException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ServerLifecycleTest {
    @Test
    void shouldRefuseASecondServerOnTheSameDataDirectory() throws Exception {
        Path dataDir = Files.createTempDirectory("tusk-lifecycle");
        try (TestServer first = TestServer.start(dataDir)) {
            assertThatThrownBy(() -> TestServer.start(dataDir)).isInstanceOf(TuskException.class)
                    .hasMessageContaining("another tusk serve is already using the data directory " + dataDir.toRealPath())
                    .hasMessageContaining("--data-dir");
            assertThat(first.getJson("/actuator/health").get("status").asString()).isEqualTo("UP");
        }
        try (TestServer again = TestServer.start(dataDir)) {
            assertThat(again.getJson("/actuator/health").get("status").asString()).isEqualTo("UP");
        }
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("master.key"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void shouldServeOpenApiAndPrometheusMetrics() throws Exception {
        try (TestServer server = TestServer.start(Files.createTempDirectory("tusk-lifecycle"))) {
            JsonNode api = server.getJson("/api/docs");
            assertThat(api.get("openapi").asString()).startsWith("3.");
            assertThat(api.get("paths").propertyNames()).contains("/api/v1/databases", "/api/v1/storages", "/api/v1/schedules",
                    "/api/v1/backups", "/api/v1/runs", "/api/v1/restores");
            TestServer.Response metrics = server.get("/actuator/prometheus");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        }
    }

    /**
     * A run this server had running when it died is failed at the next start, not left "running" forever, and the
     * archive it left without a manifest is removed; complete backups stay.
     */
    @Test
    void shouldFailTheRunsAServerLeftRunningWhenItStopped() throws Exception {
        Path dataDir = Files.createTempDirectory("tusk-lifecycle");
        String node;
        try (TestServer server = TestServer.start(dataDir)) {
            node = Files.readString(dataDir.resolve("node-id")).trim();
        }
        Path storage = Files.createTempDirectory("tusk-lifecycle-storage");
        Path folder = Files.createDirectories(storage.resolve("d"));
        Files.writeString(folder.resolve("20260101T000000Z-0001.dump"), "a complete backup");
        Files.writeString(folder.resolve("20260101T000000Z-0001.json"), "{}");
        Files.writeString(folder.resolve("20261201T000000Z-0002.dump"), "PGDMP... cut short by the crash");
        String url = "jdbc:h2:file:" + dataDir.resolve("metadata");
        try (Connection c = DriverManager.getConnection(url, "tusk", ""); Statement s = c.createStatement()) {
            s.execute("INSERT INTO storages (name, type, settings, created_at) VALUES ('s', 'local', '{\"path\":\"" + storage + "\"}', CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO databases (name, host, port, dbname, username, sslmode, compression, encrypted, selection, retention, storage_id, created_at)"
                    + " SELECT 'd', '127.0.0.1', 1, 'd', 'u', 'prefer', 'zstd', FALSE, '{}', '{}', id, CURRENT_TIMESTAMP FROM storages");
            s.execute("INSERT INTO runs (kind, database_id, status, node, queued_at, started_at) SELECT 'backup', id, 'running', '"
                    + node + "', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM databases");
        }
        try (TestServer server = TestServer.start(dataDir)) {
            JsonNode run = server.getJson("/api/v1/runs").get(0);
            assertThat(run.get("status").asString()).isEqualTo("failed");
            assertThat(run.get("error").asString()).startsWith("the server stopped during the run");
        }
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder("20260101T000000Z-0001.dump", "20260101T000000Z-0001.json");
        }
    }
}
