package io.tusk.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Bad input is refused when it is saved, with problem details that name the field and say what to fix, and
 * nothing is half-saved.
 */
class ServerValidationTest {
    private static EmbeddedPostgres pg;
    private static TestServer server;
    private static Path storageDir;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder(15).passwordUser("app", "right password").start();
        pg.createDatabase("shop");
        pg.execute("shop", "CREATE TABLE public.secret_orders (id int); CREATE TABLE public.visible (id int);"
                + " GRANT CONNECT ON DATABASE shop TO app; GRANT SELECT ON public.visible TO app;");
        storageDir = Files.createTempDirectory("tusk-validation-storage");
        server = TestServer.start(Files.createTempDirectory("tusk-validation-data"));
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

    private static Map<String, Object> database(String user, String password, int port) {
        Map<String, Object> d = new HashMap<>(Map.of("name", "shop", "host", "127.0.0.1", "port", port, "database", "shop", "user", user));
        if (password != null) {
            d.put("password", password);
        }
        return d;
    }

    private static JsonNode problem(TestServer.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        return r.json();
    }

    @Test
    void shouldRefuseAWrongPasswordAnUnreachableServerAndUnreadableTables() throws Exception {
        JsonNode wrong = problem(server.post("/api/v1/databases", database("app", "wrong password", pg.port())), 422);
        assertThat(wrong.get("field").asString()).isEqualTo("connection");
        assertThat(wrong.get("detail").asString()).contains("password authentication failed for user \"app\"").doesNotContain("wrong password");

        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        JsonNode refused = problem(server.post("/api/v1/databases", database("app", "right password", closedPort)), 422);
        assertThat(refused.get("detail").asString()).contains("127.0.0.1").contains(Integer.toString(closedPort));

        JsonNode unreadable = problem(server.post("/api/v1/databases", database("app", "right password", pg.port())), 422);
        assertThat(unreadable.get("field").asString()).isEqualTo("user");
        assertThat(unreadable.get("detail").asString()).contains("cannot read public.secret_orders").contains("GRANT SELECT")
                .doesNotContain("public.visible");

        Map<String, Object> excluded = database("app", "right password", pg.port());
        excluded.put("name", "shop visible");
        excluded.put("selection", Map.of("excludeSchemas", java.util.List.of("public")));
        Map<String, Object> rootCert = new HashMap<>(excluded);
        rootCert.put("sslrootcert", "/etc/ssl/private/server.key");
        assertThat(problem(server.post("/api/v1/databases", rootCert), 400).get("field").asString()).isEqualTo("sslrootcert");
        JsonNode saved = server.post("/api/v1/databases", excluded, 201);
        assertThat(saved.get("passwordSet").asBoolean()).isTrue();
        assertThat(saved.toString()).doesNotContain("right password");
        assertThat(server.getJson("/api/v1/databases").size()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAStorageThatFailsItsProbeAndUnknownSettings() throws Exception {
        Path readOnly = Files.createDirectories(storageDir.resolve("read-only"));
        Path file = Files.writeString(storageDir.resolve("not-a-directory"), "x");
        JsonNode notDir = problem(server.post("/api/v1/storages", Map.of("name", "bad", "type", "local",
                "settings", Map.of("path", file.resolve("sub").toString()))), 422);
        assertThat(notDir.get("detail").asString()).contains("storage test (write, read, delete a probe object) failed");

        JsonNode unknown = problem(server.post("/api/v1/storages", Map.of("name", "bad", "type", "local",
                "settings", Map.of("path", readOnly.toString(), "colour", "blue"))), 400);
        assertThat(unknown.get("field").asString()).isEqualTo("settings.colour");
        JsonNode relative = problem(server.post("/api/v1/storages", Map.of("name", "bad", "type", "local",
                "settings", Map.of("path", "backups"))), 400);
        assertThat(relative.get("detail").asString()).contains("must be absolute");
        JsonNode type = problem(server.post("/api/v1/storages", Map.of("name", "bad", "type", "floppy", "settings", Map.of())), 400);
        assertThat(type.get("detail").asString()).contains("unknown storage type \"floppy\"").contains("local, s3, sftp");
        JsonNode s3 = problem(server.post("/api/v1/storages", Map.of("name", "bad", "type", "s3",
                "settings", Map.of("bucket", "b", "endpoint", "http://127.0.0.1:1"), "secrets", Map.of("accessKey", "AK", "secretKey", "SK-very-secret"))), 422);
        assertThat(s3.get("detail").asString()).doesNotContain("SK-very-secret");

        JsonNode outside = problem(server.post("/api/v1/storages", Map.of("name", "bad", "type", "sftp",
                "settings", Map.of("host", "127.0.0.1", "user", "u", "path", "/b", "privateKey", "../../../root/.ssh/id_ed25519"))), 400);
        assertThat(outside.get("field").asString()).isEqualTo("settings.privateKey");
        assertThat(outside.get("detail").asString()).contains("must name a file in").contains("/ssh");

        assertThat(server.getJson("/api/v1/storages").findValuesAsString("name")).doesNotContain("bad");
    }

    @Test
    void shouldRefuseAnInvalidCronExpressionAndAnUnknownTimeZone() throws Exception {
        JsonNode storage = server.post("/api/v1/storages", Map.of("name", "disk", "type", "local",
                "settings", Map.of("path", Files.createDirectories(storageDir.resolve("disk")).toString())), 201);
        Map<String, Object> d = database(EmbeddedPostgres.SUPERUSER, null, pg.port());
        d.put("name", "shop as superuser");
        d.put("storageId", storage.get("id").asLong());
        long databaseId = server.post("/api/v1/databases", d, 201).get("id").asLong();

        JsonNode cron = problem(server.post("/api/v1/schedules", Map.of("databaseId", databaseId, "kind", "cron", "cron", "0 25 * * *")), 400);
        assertThat(cron.get("field").asString()).isEqualTo("cron");
        assertThat(cron.get("detail").asString()).contains("invalid cron expression \"0 25 * * *\"");
        JsonNode zone = problem(server.post("/api/v1/schedules", Map.of("databaseId", databaseId, "kind", "daily", "time", "03:00",
                "zone", "Europe/Atlantis")), 400);
        assertThat(zone.get("field").asString()).isEqualTo("zone");
        assertThat(zone.get("detail").asString()).contains("unknown time zone \"Europe/Atlantis\"");
        JsonNode noDb = problem(server.post("/api/v1/schedules", Map.of("databaseId", 999, "kind", "hourly")), 400);
        assertThat(noDb.get("field").asString()).isEqualTo("databaseId");
        assertThat(server.getJson("/api/v1/schedules").size()).isZero();

        JsonNode preview = server.post("/api/v1/schedules/preview?count=3", Map.of("kind", "daily", "time", "03:00", "zone", "Asia/Tokyo"), 200);
        assertThat(preview).hasSize(3);
        assertThat(preview.get(0).asString()).endsWith("T18:00:00Z");

        assertThat(problem(server.get("/api/v1/runs/4242"), 404).get("detail").asString()).isEqualTo("no run with id 4242");
        assertThat(problem(server.post("/api/v1/restores", Map.of("backupId", "nope")), 400).get("field").asString()).isEqualTo("backupId");
    }
}
