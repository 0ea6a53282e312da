package io.tusk.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Two workspaces on one server: the owner of the second sees nothing of the first, cannot reach its objects by
 * id (the answer is the one for an id that does not exist), and cannot use them in requests of their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkspaceIsolationTest {
    private EmbeddedPostgres pg;
    private TestServer server;
    private TestServer.Client alice;
    private long otherWorkspace;
    private long storageId;
    private long databaseId;
    private long scheduleId;
    private long runId;
    private String backupId;
    private long aliceDatabase;
    private long aliceStorage;

    @BeforeAll
    void start() throws Exception {
        pg = EmbeddedPostgres.start(18);
        pg.createDatabase("app");
        pg.execute("app", "CREATE TABLE items (id int PRIMARY KEY); INSERT INTO items SELECT generate_series(1, 10)");
        server = TestServer.start(Files.createTempDirectory("tusk-isolation"));
        Path storageDir = Files.createTempDirectory("tusk-isolation-storage");
        storageId = server.post("/api/v1/storages", Map.of("name", "default disk", "type", "local", "settings", Map.of("path", storageDir.toString())), 201)
                .get("id").asLong();
        databaseId = server.post("/api/v1/databases", database("default app", storageId, null), 201).get("id").asLong();
        scheduleId = server.post("/api/v1/schedules", Map.of("databaseId", databaseId, "kind", "cron", "cron", "0 0 3 1 1 *", "zone", "UTC"), 201)
                .get("id").asLong();
        JsonNode run = server.awaitRun(server.post("/api/v1/databases/" + databaseId + "/backups", "", 202).get("id").asLong(), Duration.ofSeconds(120));
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        runId = run.get("id").asLong();
        backupId = run.get("backupId").asString();

        otherWorkspace = server.post("/api/v1/workspaces", Map.of("name", "team b"), 201).get("workspaceId").asLong();
        alice = server.newUser("alice", "owner", otherWorkspace);
        Path aliceDir = Files.createTempDirectory("tusk-isolation-alice");
        aliceStorage = alice.post("/api/v1/storages", Map.of("name", "alice disk", "type", "local", "settings", Map.of("path", aliceDir.toString())), 201)
                .get("id").asLong();
        aliceDatabase = alice.post("/api/v1/databases", database("alice app", aliceStorage, null), 201).get("id").asLong();
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

    /** Names are a workspace's own: another team's "default app" neither blocks nor reveals this one's. */
    @Test
    void shouldLetTwoWorkspacesUseTheSameNames() throws Exception {
        Path dir = Files.createTempDirectory("tusk-isolation-same-name");
        long sameStorage = alice.post("/api/v1/storages", Map.of("name", "default disk", "type", "local",
                "settings", Map.of("path", dir.toString())), 201).get("id").asLong();
        JsonNode same = alice.post("/api/v1/databases", database("default app", sameStorage, null), 201);
        assertThat(same.get("workspaceId").asLong()).isEqualTo(otherWorkspace);
        TestServer.Response twice = alice.post("/api/v1/databases", database("default app", sameStorage, null));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().get("field").asString()).isEqualTo("name");
        assertThat(alice.delete("/api/v1/databases/" + same.get("id").asLong()).status()).isEqualTo(204);
        assertThat(alice.delete("/api/v1/storages/" + sameStorage).status()).isEqualTo(204);
    }

    @Test
    void shouldListOnlyTheObjectsOfTheUsersOwnWorkspaces() {
        assertThat(ids(alice.getJson("/api/v1/databases"))).containsExactly(aliceDatabase);
        assertThat(ids(alice.getJson("/api/v1/storages"))).containsExactly(aliceStorage);
        assertThat(alice.getJson("/api/v1/schedules")).isEmpty();
        assertThat(alice.getJson("/api/v1/runs")).isEmpty();
        assertThat(alice.getJson("/api/v1/backups")).isEmpty();
        assertThat(alice.getJson("/api/v1/restores")).isEmpty();
        assertThat(alice.getJson("/api/v1/workspaces").valueStream().map(w -> w.get("workspace").asString())).containsExactly("team b");
        // the first user created team b and so owns it too, and sees both
        assertThat(ids(server.getJson("/api/v1/databases"))).contains(databaseId, aliceDatabase);
    }

    @Test
    void shouldAnswerAnotherWorkspacesObjectAsOneThatDoesNotExist() {
        for (String path : new String[] {"/api/v1/databases/%s", "/api/v1/storages/%s", "/api/v1/schedules/%s", "/api/v1/runs/%s"}) {
            long id = path.contains("databases") ? databaseId : path.contains("storages") ? storageId : path.contains("schedules") ? scheduleId : runId;
            TestServer.Response theirs = alice.get(path.formatted(id));
            TestServer.Response missing = alice.get(path.formatted(987654));
            assertThat(theirs.status()).as(path).isEqualTo(missing.status()).isEqualTo(404);
            assertThat(theirs.json().get("detail").asString()).as(path).isEqualTo(missing.json().get("detail").asString().replace("987654", Long.toString(id)));
        }
        assertThat(alice.get("/api/v1/backups/" + backupId).status()).isEqualTo(404);
        assertThat(alice.get("/api/v1/backups/" + backupId + "/download").status()).isEqualTo(404);
        assertThat(alice.get("/api/v1/databases/" + databaseId + "/key").status()).isEqualTo(404);
        assertThat(alice.get("/api/v1/runs?databaseId=" + databaseId).status()).isEqualTo(404);
    }

    @Test
    void shouldNotLetAWorkspaceChangeOrDeleteAnotherWorkspacesObjects() {
        assertThat(alice.put("/api/v1/databases/" + databaseId, database("taken over", storageId, null)).status()).isEqualTo(404);
        assertThat(alice.delete("/api/v1/databases/" + databaseId).status()).isEqualTo(404);
        assertThat(alice.delete("/api/v1/storages/" + storageId).status()).isEqualTo(404);
        assertThat(alice.delete("/api/v1/schedules/" + scheduleId).status()).isEqualTo(404);
        assertThat(alice.delete("/api/v1/backups/" + backupId).status()).isEqualTo(404);
        assertThat(alice.post("/api/v1/databases/" + databaseId + "/backups", "").status()).isEqualTo(404);
        assertThat(alice.post("/api/v1/runs/" + runId + "/cancel", "").status()).isEqualTo(404);
        assertThat(server.getJson("/api/v1/databases/" + databaseId).get("name").asString()).isEqualTo("default app");
        assertThat(server.getJson("/api/v1/backups/" + backupId).get("backupId").asString()).isEqualTo(backupId);
    }

    @Test
    void shouldNotLetAWorkspaceUseAnotherWorkspacesObjectsInItsRequests() {
        TestServer.Response borrowedStorage = alice.post("/api/v1/databases", database("alice 2", storageId, null));
        assertThat(borrowedStorage.status()).isEqualTo(400);
        assertThat(borrowedStorage.json().get("field").asString()).isEqualTo("storageId");

        TestServer.Response schedule = alice.post("/api/v1/schedules", Map.of("databaseId", databaseId, "kind", "cron", "cron", "0 0 3 * * *", "zone", "UTC"));
        TestServer.Response scheduleMissing = alice.post("/api/v1/schedules", Map.of("databaseId", 987654, "kind", "cron", "cron", "0 0 3 * * *", "zone", "UTC"));
        assertThat(schedule.status()).isEqualTo(scheduleMissing.status()).isEqualTo(400);

        TestServer.Response restoreTheirs = alice.post("/api/v1/restores", Map.of("backupId", backupId, "targetDatabaseId", aliceDatabase));
        TestServer.Response restoreMissing = alice.post("/api/v1/restores", Map.of("backupId", "no-such-backup", "targetDatabaseId", aliceDatabase));
        assertThat(restoreTheirs.status()).isEqualTo(restoreMissing.status()).isEqualTo(400);
        assertThat(restoreTheirs.json().get("detail").asString()).isEqualTo("no backup \"" + backupId + "\"");

        TestServer.Response intoTheirs = alice.post("/api/v1/restores", Map.of("backupId", backupId, "targetDatabaseId", databaseId));
        assertThat(intoTheirs.status()).isEqualTo(400);

        TestServer.Response member = alice.post("/api/v1/users", Map.of("username", "mallory", "password", "mallory-password", "workspaceId", 1, "role", "owner"));
        assertThat(member.status()).isEqualTo(404);
        assertThat(alice.post("/api/v1/workspaces", Map.of("name", "team c")).status()).as("only owners of the default workspace make workspaces").isEqualTo(404);
    }

    @Test
    void shouldShowAWorkspaceOnlyItsOwnAuditEventsAndUsers() {
        JsonNode events = alice.getJson("/api/v1/audit");
        assertThat(events.valueStream().map(e -> e.get("workspaceId") == null ? null : e.get("workspaceId").asLong()))
                .isNotEmpty().allMatch(w -> w != null && w == otherWorkspace);
        assertThat(alice.getJson("/api/v1/users").valueStream().map(u -> u.get("username").asString())).containsExactlyInAnyOrder("admin", "alice");
        assertThat(alice.getJson("/api/v1/users").valueStream().flatMap(u -> u.get("roles").propertyNames().stream()))
                .containsOnly(Long.toString(otherWorkspace));
    }

    private static java.util.List<Long> ids(JsonNode list) {
        return list.valueStream().map(n -> n.get("id").asLong()).toList();
    }

    private Map<String, Object> database(String name, long storage, Long workspace) {
        Map<String, Object> d = new HashMap<>(Map.of("name", name, "host", "127.0.0.1", "port", pg.port(), "database", "app",
                "user", EmbeddedPostgres.SUPERUSER, "encrypted", true, "storageId", storage));
        if (workspace != null) {
            d.put("workspaceId", workspace);
        }
        return d;
    }
}
