package io.tusk.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.tusk.server.TestServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The notifications, users and audit pages, over HTTP as a signed-in browser: what they show, what they refuse. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPagesTest {
    private TestServer server;
    private HttpServer hooks;
    private final List<String> hookBodies = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hooks.createContext("/hook", exchange -> {
            hookBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hooks.start();
        server = TestServer.start(Files.createTempDirectory("tusk-admin-pages"));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (hooks != null) {
            hooks.stop(0);
        }
    }

    @Test
    void shouldCreateATestableChannelAUserAndShowBothInTheAuditLog() {
        TestServer.Client admin = server.login(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);
        assertThat(page(admin, "/notifications").body()).contains("No channels yet");

        String hookUrl = "http://127.0.0.1:" + hooks.getAddress().getPort() + "/hook";
        HttpResponse<String> bad = form(admin, "/notifications", Map.of("name", "bad", "type", "webhook", "settings", "no equals sign"));
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body()).contains("each line is KEY=VALUE");
        HttpResponse<String> created = form(admin, "/notifications", Map.of("name", "ops hook", "type", "webhook",
                "secrets", "url=" + hookUrl + "\nsecret=signing-secret", "event", "backup_failed", "isDefault", "on"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        String list = page(admin, "/notifications").body();
        assertThat(list).contains("ops hook", "secret, url (set)", "backup_failed").doesNotContain(hookUrl).doesNotContain("signing-secret");
        long id = server.admin().getJson("/api/v1/notifiers").get(0).get("id").asLong();
        assertThat(form(admin, "/notifications/" + id + "/test", Map.of()).statusCode()).isEqualTo(302);
        assertThat(hookBodies).hasSize(1);
        assertThat(hookBodies.get(0)).contains("\"event\":\"test\"");
        assertThat(page(admin, "/notifications").body()).contains("Test message delivered");

        assertThat(page(admin, "/users").body()).contains("data-user=\"admin\"");
        assertThat(form(admin, "/users", Map.of("username", "reader", "password", "short", "workspaceId", "1", "role", "viewer")).body())
                .contains("a password needs 10");
        assertThat(form(admin, "/users", Map.of("username", "reader", "password", "reader-password", "workspaceId", "1", "role", "viewer"))
                .statusCode()).isEqualTo(302);
        assertThat(page(admin, "/users").body()).contains("data-user=\"reader\"", "1: viewer");

        String audit = page(admin, "/audit").body();
        assertThat(audit).contains("data-action=\"notifier.create\"", "data-action=\"user.create\"", "data-action=\"login\"", "Export as CSV");
        String filtered = page(admin, "/audit?action=user.create").body();
        assertThat(filtered).contains("data-action=\"user.create\"").doesNotContain("data-action=\"notifier.create\"");
        assertThat(page(admin, "/audit?from=yesterday").body()).contains("must be an ISO-8601 instant");

        TestServer.Client reader = server.login("reader", "reader-password");
        assertThat(page(reader, "/audit").statusCode()).isEqualTo(403);
        assertThat(page(reader, "/users").statusCode()).isEqualTo(403);
        String readerChannels = page(reader, "/notifications").body();
        assertThat(readerChannels).contains("ops hook");
        assertThat(form(reader, "/notifications/" + id + "/test", Map.of()).statusCode()).isEqualTo(403);
        for (String path : List.of("/notifications", "/users", "/audit")) {
            assertThat(page(admin, path).body().replace(server.base(), "")).doesNotContainPattern("(src|href)=\"(https?:)?//");
        }
    }

    private HttpResponse<String> page(TestServer.Client session, String path) {
        return send(session, HttpRequest.newBuilder(URI.create(server.base() + path)).header("Accept", "text/html").GET());
    }

    private HttpResponse<String> form(TestServer.Client session, String path, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(session, HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(TestServer.Client session, HttpRequest.Builder request) {
        request.header("Cookie", session.cookieHeader()).header("X-XSRF-TOKEN", session.csrfToken()).timeout(Duration.ofSeconds(60));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
