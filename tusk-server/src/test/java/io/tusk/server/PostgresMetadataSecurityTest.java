package io.tusk.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tusk.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The security tables on a PostgreSQL metadata database (the migration's other vendor): the first user, tokens
 * and workspaces work there too, and the database itself refuses to change or delete audit events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresMetadataSecurityTest {
    private EmbeddedPostgres pg;
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        pg = EmbeddedPostgres.start(18);
        pg.createDatabase("tusk_metadata");
        server = TestServer.start(ServerOptions.defaults(Files.createTempDirectory("tusk-pg-metadata")).withPort(0)
                .withMetadata(pg.jdbcUrl("tusk_metadata"), EmbeddedPostgres.SUPERUSER, null));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void shouldKeepUsersTokensAndWorkspacesOnPostgresql() {
        long workspace = server.post("/api/v1/workspaces", Map.of("name", "on postgres"), 201).get("workspaceId").asLong();
        TestServer.Client viewer = server.newUser("pg-viewer", "viewer", workspace);

        assertThat(viewer.getJson("/api/v1/me").get("workspaces").get(0).get("workspace").asString()).isEqualTo("on postgres");
        assertThat(server.getJson("/api/v1/audit?action=user.create").get(0).get("object").asString()).isEqualTo("user pg-viewer");
    }

    @Test
    void shouldRefuseToUpdateOrDeleteAuditEventsInTheDatabaseItself() throws Exception {
        server.anonymous().post("/api/v1/login", Map.of("username", "someone", "password", "some password"));
        try (Connection c = pg.connect("tusk_metadata")) {
            assertThatThrownBy(() -> c.createStatement().executeUpdate("DELETE FROM audit_events"))
                    .hasMessageContaining("audit_events is append-only: DELETE refused");
            assertThatThrownBy(() -> c.createStatement().executeUpdate("UPDATE audit_events SET outcome = 'ok'"))
                    .hasMessageContaining("audit_events is append-only: UPDATE refused");
            assertThatThrownBy(() -> c.createStatement().executeUpdate("TRUNCATE audit_events"))
                    .hasMessageContaining("audit_events is append-only: TRUNCATE refused");
        }
        assertThat(server.getJson("/api/v1/audit?user=someone").get(0).get("outcome").asString()).isEqualTo("failed");
    }
}
