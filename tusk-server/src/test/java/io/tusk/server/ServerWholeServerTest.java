package io.tusk.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.embedded.EmbeddedPostgres;
import io.tusk.testing.DatabaseComparator;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A registration of a whole server ("*"): every database backed up on each run, retention per database. */
class ServerWholeServerTest {
    @Test
    void shouldBackUpEveryDatabaseOfAServerAndKeepTheRetentionOfEachApart() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(16); TestServer server = TestServer.start(Files.createTempDirectory("tusk-whole"))) {
            pg.createDatabase("sales");
            pg.execute("sales", "CREATE TABLE invoices AS SELECT g AS id, g * 1.5 AS amount FROM generate_series(1, 500) g");
            pg.createDatabase("hr");
            pg.execute("hr", "CREATE TABLE people (id int PRIMARY KEY, name text); INSERT INTO people VALUES (1, 'Ada'), (2, 'Grace')");
            long storageId = server.post("/api/v1/storages", Map.of("name", "disk", "type", "local",
                    "settings", Map.of("path", Files.createTempDirectory("tusk-whole-storage").toString())), 201).get("id").asLong();
            JsonNode registered = server.post("/api/v1/databases", Map.of("name", "prod server", "host", "127.0.0.1", "port", pg.port(),
                    "database", "*", "user", EmbeddedPostgres.SUPERUSER, "storageId", storageId, "retention", Map.of("keepLast", 1)), 201);
            long id = registered.get("id").asLong();
            assertThat(registered.get("serverVersion").asString()).startsWith("16.");

            for (int i = 0; i < 2; i++) {
                JsonNode run = server.awaitRun(server.post("/api/v1/databases/" + id + "/backups", "", 202).get("id").asLong(), Duration.ofSeconds(90));
                assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
                assertThat(run.get("log").asString()).contains("backing up every database of").contains("hr, postgres, sales");
            }
            JsonNode backups = server.getJson("/api/v1/backups?databaseId=" + id);
            assertThat(backups.findValuesAsString("sourceDatabase")).containsExactlyInAnyOrder("hr", "postgres", "sales");

            String salesBackup = null;
            for (JsonNode b : backups) {
                if (b.get("sourceDatabase").asString().equals("sales")) {
                    salesBackup = b.get("backupId").asString();
                }
            }
            JsonNode restore = server.awaitRun(server.post("/api/v1/restores", Map.of("backupId", salesBackup, "targetDatabaseId", id,
                    "newDatabaseName", "sales_copy"), 202).get("id").asLong(), Duration.ofSeconds(90));
            assertThat(restore.get("status").asString()).as(restore.toString()).isEqualTo("succeeded");
            DatabaseComparator.assertIdentical(pg, "sales", "sales_copy");
        }
    }
}
