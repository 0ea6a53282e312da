package io.tusk.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/** Who did what and when: logins, configuration changes, deletions, tokens; filterable, as CSV, never changed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditLogTest {
    private TestServer server;
    private Path storageDir;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start(Files.createTempDirectory("tusk-audit"));
        storageDir = Files.createTempDirectory("tusk-audit-storage");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void shouldRecordLoginsWithTheirOutcomeAndAddress() {
        server.anonymous().post("/api/v1/login", Map.of("username", TestServer.ADMIN, "password", "not the password"));
        server.login(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);

        JsonNode logins = server.getJson("/api/v1/audit?action=login&user=" + TestServer.ADMIN);
        assertThat(logins.valueStream().map(e -> e.get("outcome").asString())).contains("ok", "failed");
        JsonNode failed = logins.valueStream().filter(e -> e.get("outcome").asString().equals("failed")).findFirst().orElseThrow();
        assertThat(failed.get("ip").asString()).isEqualTo("127.0.0.1");
        assertThat(failed.get("detail").asString()).contains("wrong password").doesNotContain("not the password");
        assertThat(failed.get("at").asString()).isNotEmpty();
    }

    @Test
    void shouldRecordConfigurationChangesAndDeletionsByTheirUser() {
        long id = server.post("/api/v1/storages", Map.of("name", "audited disk", "type", "local",
                "settings", Map.of("path", storageDir.toString())), 201).get("id").asLong();
        assertThat(server.delete("/api/v1/storages/" + id).status()).isEqualTo(204);

        List<String> actions = server.getJson("/api/v1/audit?action=storage").valueStream()
                .filter(e -> e.get("object").asString().equals("storage " + id + " (audited disk)"))
                .map(e -> e.get("action").asString() + " by " + e.get("user").asString()).toList();
        assertThat(actions).containsExactly("storage.delete by admin", "storage.create by admin");
    }

    @Test
    void shouldRecordTokensMadeAndRevoked() {
        long id = server.post("/api/v1/tokens", Map.of("name", "audited token"), 201).get("id").asLong();
        server.delete("/api/v1/tokens/" + id);

        assertThat(server.getJson("/api/v1/audit?action=token").valueStream().map(e -> e.get("action").asString() + " " + e.get("object").asString()))
                .contains("token.create token " + id + " (audited token)", "token.revoke token " + id + " (audited token)");
    }

    @Test
    void shouldFilterByTime() {
        Instant before = Instant.now().minusSeconds(1);
        server.anonymous().post("/api/v1/login", Map.of("username", "time-filter-probe", "password", "whatever password"));
        Instant after = Instant.now().plusSeconds(1);

        assertThat(server.getJson("/api/v1/audit?user=time-filter-probe&from=" + before + "&to=" + after)).hasSize(1);
        assertThat(server.getJson("/api/v1/audit?user=time-filter-probe&to=" + before)).isEmpty();
        TestServer.Response bad = server.get("/api/v1/audit?from=yesterday");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("detail").asString()).contains("ISO-8601");
    }

    @Test
    void shouldExportCsvWithoutLettingAValueBecomeASpreadsheetFormula() {
        server.anonymous().post("/api/v1/login", Map.of("username", "=HYPERLINK(\"http://evil\")", "password", "whatever password"));

        TestServer.Response csv = server.get("/api/v1/audit.csv?action=login&user=" + URLEncoder.encode("=HYPERLINK(\"http://evil\")", StandardCharsets.UTF_8));

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("id,time,user,action,object,detail,ip,outcome,workspace_id");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).contains(",\"'=HYPERLINK(\"\"http://evil\"\")\",login,").endsWith(",127.0.0.1,failed,");
    }

    @Test
    void shouldOfferNoWayToChangeOrDeleteTheLog() {
        assertThat(server.delete("/api/v1/audit").status()).isEqualTo(405);
        assertThat(server.put("/api/v1/audit", Map.of()).status()).isEqualTo(405);
        assertThat(server.post("/api/v1/audit", Map.of()).status()).isEqualTo(405);
    }

    @Test
    void shouldKeepTheLogFromViewersAndOperators() {
        TestServer.Client viewer = server.newUser("audit-viewer", "viewer", 1);
        TestServer.Client operator = server.newUser("audit-operator", "operator", 1);

        assertThat(viewer.get("/api/v1/audit").status()).isEqualTo(403);
        assertThat(operator.get("/api/v1/audit.csv").status()).isEqualTo(403);
    }

    @Test
    void shouldRecordWhatAMemberTriedAndWasRefused() {
        TestServer.Client viewer = server.newUser("denied-viewer", "viewer", 1);

        assertThat(viewer.post("/api/v1/storages", Map.of("workspaceId", 1, "name", "not mine to make")).status()).isEqualTo(403);

        JsonNode denied = server.getJson("/api/v1/audit?action=access.denied&user=denied-viewer").get(0);
        assertThat(denied.get("outcome").asString()).isEqualTo("denied");
        assertThat(denied.get("detail").asString()).isEqualTo("needs admin, has viewer");
    }
}
