package io.tusk.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** API tokens: shown once, stored as a SHA-256 digest, listed without the secret, revocable. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTokenTest {
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start(Files.createTempDirectory("tusk-tokens"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void shouldRefuseATokenOnceItIsRevoked() {
        JsonNode created = server.post("/api/v1/tokens", Map.of("name", "nightly script"), 201);
        String token = created.get("token").asString();
        TestServer.Client script = server.withToken(token);
        assertThat(script.getJson("/api/v1/me").get("username").asString()).isEqualTo(TestServer.ADMIN);

        assertThat(server.delete("/api/v1/tokens/" + created.get("id").asLong()).status()).isEqualTo(204);

        TestServer.Response refused = script.get("/api/v1/me");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(refused.json().get("detail").asString()).contains("unknown or revoked");
        JsonNode listed = server.getJson("/api/v1/tokens").valueStream()
                .filter(t -> t.get("id").asLong() == created.get("id").asLong()).findFirst().orElseThrow();
        assertThat(listed.get("revokedAt")).isNotNull();
    }

    @Test
    void shouldShowATokenOnlyWhenItIsMadeAndStoreOnlyItsDigest() throws Exception {
        String token = server.post("/api/v1/tokens", Map.of("name", "ci"), 201).get("token").asString();
        assertThat(token).matches("tusk_[A-Za-z0-9_-]{43}");

        String list = server.get("/api/v1/tokens").body();
        assertThat(list).contains("\"ci\"").doesNotContain(token).doesNotContain("\"token\"");

        List<String> stored = server.context().getBean(JdbcClient.class).sql("SELECT token_hash FROM api_tokens").query(String.class).list();
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        assertThat(stored).contains(digest).noneMatch(h -> h.contains(token.substring(5)));
    }

    @Test
    void shouldNotLetAUserRevokeAnotherUsersToken() {
        long adminToken = server.post("/api/v1/tokens", Map.of("name", "admin's"), 201).get("id").asLong();
        TestServer.Client viewer = server.newUser("token-viewer", "viewer", 1);

        assertThat(viewer.delete("/api/v1/tokens/" + adminToken).status()).isEqualTo(404);
        assertThat(viewer.getJson("/api/v1/tokens").valueStream().map(t -> t.get("id").asLong())).doesNotContain(adminToken);
    }

    @Test
    void shouldStopTheTokensOfADisabledUser() {
        TestServer.Client operator = server.newUser("token-operator", "operator", 1);
        long id = server.getJson("/api/v1/users").valueStream().filter(u -> u.get("username").asString().equals("token-operator"))
                .findFirst().orElseThrow().get("id").asLong();
        assertThat(operator.get("/api/v1/me").status()).isEqualTo(200);

        assertThat(server.put("/api/v1/users/" + id, Map.of("enabled", false)).status()).isEqualTo(200);

        assertThat(operator.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void shouldRefuseAMadeUpToken() {
        assertThat(server.withToken("tusk_" + "A".repeat(43)).get("/api/v1/databases").status()).isEqualTo(401);
        assertThat(server.withToken("not even the format").get("/api/v1/databases").status()).isEqualTo(401);
    }
}
