package io.tusk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.tusk.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A failing backup notifies each chosen channel exactly once (email through GreenMail, a signed webhook to a real
 * local HTTP server), while a channel that is down delays neither the backup nor the others and its failure is
 * recorded; secrets of channels never come back from the API.
 */
class ServerNotificationTest {
    private static EmbeddedPostgres pg;
    private static TestServer server;
    private static GreenMail mail;
    private static HttpServer hooks;
    private static final List<String> HOOK_BODIES = new CopyOnWriteArrayList<>();
    private static final List<String> HOOK_SIGNATURES = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.start(15);
        pg.createDatabase("shop");
        pg.execute("shop", "CREATE TABLE orders AS SELECT g AS id FROM generate_series(1, 100) g");
        mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", "smtp"));
        mail.start();
        hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hooks.createContext("/hook", exchange -> {
            HOOK_BODIES.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            HOOK_SIGNATURES.add(exchange.getRequestHeaders().getFirst("X-Tusk-Signature"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hooks.start();
        server = TestServer.start(Files.createTempDirectory("tusk-notify-data"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (hooks != null) {
            hooks.stop(0);
        }
        if (mail != null) {
            mail.stop();
        }
        if (pg != null) {
            pg.close();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void shouldNotifyEachChosenChannelOnceWhenABackupFailsWithoutWaitingForADownChannel() throws Exception {
        String hookUrl = "http://127.0.0.1:" + hooks.getAddress().getPort() + "/hook";
        JsonNode webhook = server.post("/api/v1/notifiers", Map.of("name", "ops webhook", "type", "webhook",
                "settings", Map.of("method", "POST"), "secrets", Map.of("url", hookUrl, "secret", "hmac-secret-42"), "isDefault", true), 201);
        assertThat(webhook.toString()).doesNotContain(hookUrl).doesNotContain("hmac-secret-42");
        assertThat(webhook.get("secretsSet").toString()).isEqualTo("[\"secret\",\"url\"]");
        assertThat(webhook.get("events").toString()).contains("backup_failed").doesNotContain("backup_succeeded");
        server.post("/api/v1/notifiers", Map.of("name", "ops mail", "type", "email", "settings", Map.of("host", "127.0.0.1",
                "port", Integer.toString(mail.getSmtp().getPort()), "security", "none", "from", "tusk@example.com",
                "to", "dba@example.com"), "isDefault", true), 201);
        long down = server.post("/api/v1/notifiers", Map.of("name", "dead webhook", "type", "webhook",
                "secrets", Map.of("url", "http://127.0.0.1:" + freePort() + "/gone"), "isDefault", true), 201).get("id").asLong();

        JsonNode test = server.post("/api/v1/notifiers/" + webhook.get("id").asLong() + "/test", "", 200);
        assertThat(test.get("delivered").asBoolean()).isTrue();
        assertThat(HOOK_BODIES).hasSize(1);
        assertThat(HOOK_BODIES.get(0)).contains("\"event\":\"test\"");
        HOOK_BODIES.clear();
        HOOK_SIGNATURES.clear();

        Path storage = Files.createTempDirectory("tusk-notify-storage");
        long storageId = server.post("/api/v1/storages", Map.of("name", "disk", "type", "local", "settings", Map.of("path", storage.toString())), 201)
                .get("id").asLong();
        Map<String, Object> db = new HashMap<>(Map.of("name", "shop", "host", "127.0.0.1", "port", pg.port(), "database", "shop",
                "user", EmbeddedPostgres.SUPERUSER, "storageId", storageId));
        long databaseId = server.post("/api/v1/databases", db, 201).get("id").asLong();
        pg.dropDatabase("shop");

        Instant queued = Instant.now();
        JsonNode run = server.awaitRun(server.post("/api/v1/databases/" + databaseId + "/backups", "", 202).get("id").asLong(), Duration.ofSeconds(60));
        assertThat(run.get("status").asString()).isEqualTo("failed");
        assertThat(run.get("error").asString()).contains("\"shop\" does not exist");

        assertThat(mail.waitForIncomingEmail(20_000, 1)).isTrue();
        server.await("/api/v1/notifiers/" + webhook.get("id").asLong() + "/deliveries", d -> d.size() >= 1, Duration.ofSeconds(20));
        assertThat(Duration.between(queued, Instant.now())).isLessThan(Duration.ofSeconds(30));
        Thread.sleep(1000);
        assertThat(HOOK_BODIES).hasSize(1);
        assertThat(HOOK_BODIES.get(0)).contains("\"event\":\"backup_failed\"").contains("\"database\":\"shop\"").contains("does not exist");
        assertThat(HOOK_SIGNATURES.get(0)).startsWith("sha256=");
        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).contains("Backup failed").contains("shop");

        JsonNode downDeliveries = server.await("/api/v1/notifiers/" + down + "/deliveries", d -> d.size() >= 1, Duration.ofSeconds(20));
        assertThat(downDeliveries.get(0).get("status").asString()).isIn("RETRYING", "FAILED");
        assertThat(downDeliveries.get(0).get("error").asString()).isNotBlank();
        assertThat(server.getJson("/api/v1/notifiers/" + webhook.get("id").asLong() + "/deliveries").get(0).get("status").asString())
                .isEqualTo("DELIVERED");
    }

    @Test
    void shouldRefuseAChannelWithMissingSettingsSayingWhatToFix() {
        TestServer.Response r = server.post("/api/v1/notifiers", Map.of("name", "bad", "type", "slack", "settings", Map.of()));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("detail").asString()).contains("slack");
        TestServer.Response type = server.post("/api/v1/notifiers", Map.of("name", "bad", "type", "pager"));
        assertThat(type.json().get("detail").asString()).contains("unknown channel type \"pager\"");
    }
}
