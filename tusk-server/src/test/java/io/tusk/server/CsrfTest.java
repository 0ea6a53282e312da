package io.tusk.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A session's state-changing requests need the CSRF token; bearer-token requests do not, and cannot fall back. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsrfTest {
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start(Files.createTempDirectory("tusk-csrf"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void shouldRefuseASessionPostWithoutTheCsrfToken() {
        TestServer.Client session = server.login(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);

        TestServer.Response forged = session.withoutCsrf().post("/api/v1/tokens", Map.of("name", "forged"));

        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.json().get("detail").asString()).contains("X-XSRF-TOKEN");
        assertThat(server.getJson("/api/v1/tokens").valueStream().map(t -> t.get("name").asString())).doesNotContain("forged");
    }

    @Test
    void shouldRefuseASessionPostWithAWrongCsrfToken() {
        TestServer.Client session = server.login(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);
        TestServer.Client other = server.login(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);

        // the other session's cookie is sent, but this session's header: they must match
        TestServer.Response r = session.withoutCsrf().send("POST", "/api/v1/storages", "{}", Map.of("X-XSRF-TOKEN", other.csrfToken() + "x"));

        assertThat(r.status()).isEqualTo(403);
    }

    @Test
    void shouldAcceptASessionPostWithTheCsrfToken() {
        TestServer.Client session = server.login(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);

        TestServer.Response r = session.post("/api/v1/tokens", Map.of("name", "with csrf"));

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("token").asString()).startsWith("tusk_");
    }

    @Test
    void shouldLetASessionReadWithoutTheCsrfToken() {
        TestServer.Client session = server.login(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);

        assertThat(session.withoutCsrf().getJson("/api/v1/me").get("username").asString()).isEqualTo(TestServer.ADMIN);
    }

    @Test
    void shouldNotAskABearerTokenForACsrfToken() {
        TestServer.Response r = server.admin().post("/api/v1/tokens", Map.of("name", "script"));

        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    @Test
    void shouldNotFallBackToTheSessionWhenTheBearerTokenIsWrong() {
        TestServer.Client session = server.login(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);

        // a bearer header skips the CSRF check, so a wrong one must not let the session cookie through
        TestServer.Response r = session.withoutCsrf().send("POST", "/api/v1/tokens", "{\"name\":\"sneaky\"}",
                Map.of("Authorization", "Bearer tusk_not-a-real-token"));

        assertThat(r.status()).isEqualTo(401);
        assertThat(server.getJson("/api/v1/tokens").valueStream().map(t -> t.get("name").asString())).doesNotContain("sneaky");
    }

    @Test
    void shouldSetHttpOnlySameSiteSessionCookieAndAReadableCsrfCookieAtLogin() {
        TestServer.Response r = server.anonymous().post("/api/v1/login", Map.of("username", TestServer.ADMIN, "password", TestServer.ADMIN_PASSWORD));

        List<String> cookies = r.headers().allValues("Set-Cookie");
        assertThat(cookies).anySatisfy(c -> assertThat(c).startsWith("TUSK_SESSION=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax"));
        assertThat(cookies).anySatisfy(c -> assertThat(c).startsWith("XSRF-TOKEN=" + r.json().get("csrfToken").asString())
                .doesNotContainIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax"));
    }

    @Test
    void shouldEndTheSessionAtLogout() {
        TestServer.Client session = server.login(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);

        assertThat(session.post("/api/v1/logout", "").status()).isEqualTo(204);

        assertThat(session.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void shouldRefuseALoginThatIsNotJson() {
        // a cross-site form can post text/plain or form data without a preflight, never application/json
        TestServer.Response r = server.anonymous().send("POST", "/api/v1/login",
                "username=admin&password=" + TestServer.ADMIN_PASSWORD, Map.of("Content-Type", "application/x-www-form-urlencoded"));

        assertThat(r.status()).isEqualTo(415);
    }
}
