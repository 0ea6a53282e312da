package io.tusk.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.embedded.EmbeddedPostgres;
import io.tusk.pipeline.storage.S3ProxyServer;
import io.tusk.testing.DatabaseComparator;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The server with an S3 storage (in-process s3proxy): configured by form fields, backed up to, restored from. */
class ServerS3StorageTest {
    @Test
    void shouldBackUpToS3AndRestoreFromItIdentically() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start(); EmbeddedPostgres pg = EmbeddedPostgres.start(18);
             TestServer server = TestServer.start(Files.createTempDirectory("tusk-s3"))) {
            pg.createDatabase("shop");
            pg.execute("shop", "CREATE TABLE orders (id int PRIMARY KEY, note text); INSERT INTO orders SELECT g, md5(g::text) FROM generate_series(1, 3000) g");
            pg.createDatabase("shop_copy");
            JsonNode storage = server.post("/api/v1/storages", Map.of("name", "minio", "type", "s3",
                    "settings", Map.of("bucket", S3ProxyServer.BUCKET, "prefix", "prod", "endpoint", s3.endpoint(), "pathStyle", "true"),
                    "secrets", Map.of("accessKey", "tusk-access", "secretKey", "tusk-secret")), 201);
            assertThat(storage.toString()).doesNotContain("tusk-secret");
            assertThat(storage.get("secretsSet").toString()).isEqualTo("[\"accessKey\",\"secretKey\"]");
            long source = server.post("/api/v1/databases", Map.of("name", "shop", "host", "127.0.0.1", "port", pg.port(), "database", "shop",
                    "user", EmbeddedPostgres.SUPERUSER, "storageId", storage.get("id").asLong(), "encrypted", true), 201).get("id").asLong();
            long target = server.post("/api/v1/databases", Map.of("name", "shop copy", "host", "127.0.0.1", "port", pg.port(),
                    "database", "shop_copy", "user", EmbeddedPostgres.SUPERUSER), 201).get("id").asLong();

            JsonNode run = server.awaitRun(server.post("/api/v1/databases/" + source + "/backups", "", 202).get("id").asLong(), Duration.ofSeconds(60));
            assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
            String backupId = run.get("backupId").asString();
            assertThat(s3.blobStore().blobExists(S3ProxyServer.BUCKET, "prod/shop/" + backupId + ".dump.enc")).isTrue();
            assertThat(s3.blobStore().blobExists(S3ProxyServer.BUCKET, "prod/shop/" + backupId + ".json")).isTrue();

            JsonNode restore = server.awaitRun(server.post("/api/v1/restores", Map.of("backupId", backupId, "targetDatabaseId", target), 202)
                    .get("id").asLong(), Duration.ofSeconds(60));
            assertThat(restore.get("status").asString()).as(restore.toString()).isEqualTo("succeeded");
            DatabaseComparator.assertIdentical(pg, "shop", "shop_copy");
        }
    }
}
