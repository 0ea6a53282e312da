package io.tusk.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A server on its first run: pages lead to the setup until the first user exists, then to the login; the setup
 * works once; only the health probe and the login are open; every answer carries the security headers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstRunTest {
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.startFirstRun(Files.createTempDirectory("tusk-first-run"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    @Order(1)
    void shouldSendPagesToTheSetupWhileNoUserExists() throws Exception {
        assertThat(server.anonymous().getJson("/api/v1/setup").get("setupNeeded").asBoolean()).isTrue();
        HttpResponse<String> page = page("/databases?next=https://evil.example/");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(URI.create(l).getPath()).isEqualTo("/setup"));
    }

    @Test
    @Order(2)
    void shouldCreateTheFirstUserOnceAndThenSendPagesToTheLogin() throws Exception {
        TestServer.Response weak = server.anonymous().post("/api/v1/setup", Map.of("username", "root", "password", "short"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().get("field").asString()).isEqualTo("password");

        TestServer.Response created = server.anonymous().post("/api/v1/setup", Map.of("username", "root", "password", "the first password"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("csrfToken").asString()).isNotEmpty();

        TestServer.Response again = server.anonymous().post("/api/v1/setup", Map.of("username", "intruder", "password", "another password"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(server.login("root", "the first password").getJson("/api/v1/me").get("workspaces").get(0).get("role").asString())
                .isEqualTo("owner");

        HttpResponse<String> page = page("/");
        assertThat(page.statusCode()).isEqualTo(302);
        // fixed targets: nothing from the request (no ?next=) ever becomes a redirect, so none is open
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(URI.create(l).getPath()).isEqualTo("/login"));
    }

    @Test
    @Order(3)
    void shouldAnswerUnauthenticatedApiCallsWithProblemDetails() {
        TestServer.Response r = server.anonymous().get("/api/v1/databases");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(r.json().get("detail").asString()).contains("POST /api/v1/login");
        assertThat(r.headers().firstValue("Set-Cookie")).as("no session for an anonymous call").isEmpty();
        assertThat(server.anonymous().get("/api/docs").status()).isEqualTo(401);
        assertThat(server.anonymous().get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void shouldSendTheSecurityHeadersOnEveryAnswer() {
        for (TestServer.Response r : new TestServer.Response[] {server.anonymous().get("/api/v1/databases"),
                server.anonymous().get("/actuator/health")}) {
            assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                    .contains("default-src 'self'").contains("script-src 'self'").contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline"));
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        }
    }

    private HttpResponse<String> page(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.base() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
