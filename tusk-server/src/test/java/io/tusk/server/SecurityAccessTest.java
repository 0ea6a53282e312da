package io.tusk.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Every API endpoint, called by every role of the default workspace, by the owner of another workspace and
 * without credentials: each call is allowed or refused as the table says. "Allowed" means the request got past
 * authorization: state-changing calls send a body that the endpoint then rejects as invalid (400) or that
 * conflicts (409) where that keeps the shared objects intact; deletions get a fresh object of their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityAccessTest {
    /** The weakest role that may call the endpoint, in the workspace of the object it names. */
    enum Min { VIEWER, OPERATOR, ADMIN, OWNER }

    /**
     * OBJECT: names an object of the default workspace, which the other workspace's owner must not even see.
     * OWN: about the caller's own workspaces or account, so the other workspace's owner calls it as an owner.
     */
    enum Scope { OBJECT, OWN }

    record Endpoint(String method, String template, Supplier<String> path, Object body, Min min, Scope scope) {
        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private static final List<String> ROLES = List.of("viewer", "operator", "admin", "owner");
    private EmbeddedPostgres pg;
    private TestServer server;
    private Path storageDir;
    private final Map<String, TestServer.Client> callers = new LinkedHashMap<>();
    private long storageId;
    private long databaseId;
    private long idleDatabaseId;
    private long scheduleId;
    private long notifierId;
    private long runId;
    private String backupId;
    private long viewerUserId;
    private int names;

    @BeforeAll
    void start() throws Exception {
        pg = EmbeddedPostgres.start(18);
        pg.createDatabase("app");
        pg.execute("app", "CREATE TABLE items (id int PRIMARY KEY, name text); INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 50) g");
        storageDir = Files.createTempDirectory("tusk-access-storage");
        server = TestServer.start(Files.createTempDirectory("tusk-access-data"));
        TestServer.Client admin = server.admin();
        storageId = newStorage();
        databaseId = newDatabase(storageId);
        idleDatabaseId = newDatabase(null);
        scheduleId = newSchedule();
        notifierId = admin.post("/api/v1/notifiers", Map.of("name", "hook", "type", "webhook",
                "secrets", Map.of("url", "http://127.0.0.1:1/never")), 201).get("id").asLong();
        backupId = newBackup();
        runId = admin.getJson("/api/v1/backups/" + backupId).get("runId").asLong();
        for (String role : ROLES) {
            callers.put(role, server.newUser(role + "-user", role, 1));
        }
        viewerUserId = server.admin().getJson("/api/v1/users").valueStream()
                .filter(u -> u.get("username").asString().equals("viewer-user")).findFirst().orElseThrow().get("id").asLong();
        long other = admin.post("/api/v1/workspaces", Map.of("name", "other team"), 201).get("workspaceId").asLong();
        callers.put("outsider", server.newUser("outsider", "owner", other));
        callers.put("anonymous", server.anonymous());
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

    private List<Endpoint> endpoints() {
        List<Endpoint> e = new ArrayList<>();
        e.add(new Endpoint("GET", "/api/v1/databases", () -> "/api/v1/databases", null, Min.VIEWER, Scope.OWN));
        e.add(new Endpoint("GET", "/api/v1/databases/{id}", () -> "/api/v1/databases/" + databaseId, null, Min.VIEWER, Scope.OBJECT));
        e.add(new Endpoint("POST", "/api/v1/databases", () -> "/api/v1/databases", Map.of("workspaceId", 1, "name", ""), Min.ADMIN, Scope.OBJECT));
        e.add(new Endpoint("PUT", "/api/v1/databases/{id}", () -> "/api/v1/databases/" + databaseId, Map.of("name", ""), Min.ADMIN, Scope.OBJECT));
        e.add(new Endpoint("POST", "/api/v1/databases/{id}/test", () -> "/api/v1/databases/" + databaseId + "/test", "", Min.ADMIN, Scope.OBJECT));
        e.add(new Endpoint("DELETE", "/api/v1/databases/{id}", () -> "/api/v1/databases/" + newDatabase(null), null, Min.ADMIN, Scope.OBJECT));
        e.add(new Endpoint("GET", "/api/v1/databases/{id}/key", () -> "/api/v1/databases/" + databaseId + "/key", null, Min.OWNER, Scope.OBJECT));
        e.add(new Endpoint("POST", "/api/v1/databases/{id}/backups", () -> "/api/v1/databases/" + idleDatabaseId + "/backups", "", Min.OPERATOR, Scope.OBJECT));
        e.add(new Endpoint("POST", "/api/v1/databases/{id}/retention/preview", () -> "/api/v1/databases/" + databaseId + "/retention/preview",
                Map.of("keepLast", 1), Min.VIEWER, Scope.OBJECT));
        e.add(new Endpoint("GET", "/api/v1/storages", () -> "/api/v1/storages", null, Min.VIEWER, Scope.OWN));
        e.add(new Endpoint("GET", "/api/v1/storages/{id}", () -> "/api/v1/storages/" + storageId, null, Min.VIEWER, Scope.OBJECT));
        e.add(new Endpoint("POST", "/api/v1/storages", () -> "/api/v1/storages", Map.of("workspaceId", 1, "name", ""), Min.ADMIN, Scope.OBJECT));
        e.add(new Endpoint("PUT", "/api/v1/storages/{id}", () -> "/api/v1/storages/" + storageId, Map.of("name", ""), Min.ADMIN, Scope.OBJECT));
        e.add(new Endpoint("POST", "/api/v1/storages/{id}/test", () -> "/api/v1/storages/" + storageId + "/test", "", Min.ADMIN, Scope.OBJECT));
        e.add(new Endpoint("DELETE", "/api/v1/storages/{id}", () -> "/api/v1/storages/" + newStorage(), null, Min.ADMIN, Scope.OBJECT));
        e.add(new Endpoint("GET", "/api/v1/schedules", () -> "/api/v1/schedules", null, Min.VIEWER, Scope.OWN));
        e.add(new Endpoint("GET", "/api/v1/schedules/{id}", () -> "/api/v1/schedules/" + scheduleId, null, Min.VIEWER, Scope.OBJECT));
        e.add(new Endpoint("POST", "/api/v1/schedules", () -> "/api/v1/schedules", Map.of("databaseId", databaseId), Min.ADMIN, Scope.OBJECT));
        e.add(new Endpoint("PUT", "/api/v1/schedules/{id}", () -> "/api/v1/schedules/" + scheduleId, Map.of("databaseId", databaseId), Min.ADMIN, Scope.OBJECT));
        e.add(new Endpoint("DELETE", "/api/v1/schedules/{id}", () -> "/api/v1/schedules/" + newSchedule(), null, Min.ADMIN, Scope.OBJECT));
        e.add(new Endpoint("POST", "/api/v1/schedules/preview", () -> "/api/v1/schedules/preview",
                Map.of("kind", "cron", "cron", "0 0 3 * * *", "zone", "UTC"), Min.VIEWER, Scope.OWN));
        e.add(new Endpoint("GET", "/api/v1/runs", () -> "/api/v1/runs", null, Min.VIEWER, Scope.OWN));
        e.add(new Endpoint("GET", "/api/v1/runs/{id}", () -> "/api/v1/runs/" + runId, null, Min.VIEWER, Scope.OBJECT));
        e.add(new Endpoint("POST", "/api/v1/runs/{id}/cancel", () -> "/api/v1/runs/" + runId + "/cancel", "", Min.OPERATOR, Scope.OBJECT));
        e.add(new Endpoint("POST", "/api/v1/restores", () -> "/api/v1/restores",
                Map.of("backupId", backupId, "targetDatabaseId", idleDatabaseId, "jobs", 0), Min.OPERATOR, Scope.OBJECT));
        e.add(new Endpoint("GET", "/api/v1/restores", () -> "/api/v1/restores", null, Min.VIEWER, Scope.OWN));
        e.add(new Endpoint("GET", "/api/v1/backups", () -> "/api/v1/backups", null, Min.VIEWER, Scope.OWN));
        e.add(new Endpoint("GET", "/api/v1/backups/{id}", () -> "/api/v1/backups/" + backupId, null, Min.VIEWER, Scope.OBJECT));
        e.add(new Endpoint("GET", "/api/v1/backups/{id}/download", () -> "/api/v1/backups/" + backupId + "/download", null, Min.OPERATOR, Scope.OBJECT));
        e.add(new Endpoint("DELETE", "/api/v1/backups/{id}", this::newBackupPath, null, Min.ADMIN, Scope.OBJECT));
        e.add(new Endpoint("POST", "/api/v1/backups/{id}/verify", () -> "/api/v1/backups/" + backupId + "/verify", "", Min.OPERATOR, Scope.OBJECT));
        e.add(new Endpoint("GET", "/api/v1/notifiers", () -> "/api/v1/notifiers", null, Min.VIEWER, Scope.OWN));
        e.add(new Endpoint("GET", "/api/v1/notifiers/{id}", () -> "/api/v1/notifiers/" + notifierId, null, Min.VIEWER, Scope.OBJECT));
        e.add(new Endpoint("POST", "/api/v1/notifiers", () -> "/api/v1/notifiers", Map.of("workspaceId", 1, "name", ""), Min.ADMIN, Scope.OBJECT));
        e.add(new Endpoint("PUT", "/api/v1/notifiers/{id}", () -> "/api/v1/notifiers/" + notifierId, Map.of("name", ""), Min.ADMIN, Scope.OBJECT));
        e.add(new Endpoint("POST", "/api/v1/notifiers/{id}/test", () -> "/api/v1/notifiers/" + notifierId + "/test", "", Min.ADMIN, Scope.OBJECT));
        e.add(new Endpoint("GET", "/api/v1/notifiers/{id}/deliveries", () -> "/api/v1/notifiers/" + notifierId + "/deliveries", null, Min.VIEWER, Scope.OBJECT));
        e.add(new Endpoint("GET", "/api/v1/databases/{id}/notifiers", () -> "/api/v1/databases/" + databaseId + "/notifiers", null, Min.VIEWER, Scope.OBJECT));
        e.add(new Endpoint("PUT", "/api/v1/databases/{id}/notifiers", () -> "/api/v1/databases/" + databaseId + "/notifiers",
                Map.of("notifierIds", List.of()), Min.ADMIN, Scope.OBJECT));
        e.add(new Endpoint("GET", "/api/v1/audit", () -> "/api/v1/audit", null, Min.ADMIN, Scope.OWN));
        e.add(new Endpoint("GET", "/api/v1/audit.csv", () -> "/api/v1/audit.csv", null, Min.ADMIN, Scope.OWN));
        e.add(new Endpoint("GET", "/api/v1/users", () -> "/api/v1/users", null, Min.ADMIN, Scope.OWN));
        e.add(new Endpoint("POST", "/api/v1/users", () -> "/api/v1/users",
                Map.of("workspaceId", 1, "username", "someone", "password", "someone-password", "role", "no such role"), Min.ADMIN, Scope.OBJECT));
        e.add(new Endpoint("PUT", "/api/v1/users/{id}/workspaces/{workspaceId}", () -> "/api/v1/users/" + viewerUserId + "/workspaces/1",
                Map.of("role", "no such role"), Min.ADMIN, Scope.OBJECT));
        e.add(new Endpoint("PUT", "/api/v1/users/{id}", () -> "/api/v1/users/" + viewerUserId, Map.of(), Min.ADMIN, Scope.OBJECT));
        e.add(new Endpoint("DELETE", "/api/v1/users/{id}/workspaces/{workspaceId}", () -> "/api/v1/users/" + newMember() + "/workspaces/1",
                null, Min.ADMIN, Scope.OBJECT));
        e.add(new Endpoint("GET", "/api/v1/workspaces", () -> "/api/v1/workspaces", null, Min.VIEWER, Scope.OWN));
        e.add(new Endpoint("POST", "/api/v1/workspaces", () -> "/api/v1/workspaces", Map.of("name", ""), Min.OWNER, Scope.OBJECT));
        e.add(new Endpoint("GET", "/api/v1/tokens", () -> "/api/v1/tokens", null, Min.VIEWER, Scope.OWN));
        e.add(new Endpoint("POST", "/api/v1/tokens", () -> "/api/v1/tokens", Map.of("name", ""), Min.VIEWER, Scope.OWN));
        e.add(new Endpoint("GET", "/api/v1/me", () -> "/api/v1/me", null, Min.VIEWER, Scope.OWN));
        e.add(new Endpoint("POST", "/api/v1/admin/rotate-master-key", () -> "/api/v1/admin/rotate-master-key", "", Min.OWNER, Scope.OBJECT));
        e.add(new Endpoint("GET", "/api/docs", () -> "/api/docs", null, Min.VIEWER, Scope.OWN));
        e.add(new Endpoint("GET", "/actuator/prometheus", () -> "/actuator/prometheus", null, Min.VIEWER, Scope.OWN));
        return e;
    }

    @TestFactory
    Stream<DynamicTest> everyRoleIsAllowedOrRefusedEveryEndpointAsTheTableSays() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            for (String caller : callers.keySet()) {
                String expected = expected(endpoint, caller);
                tests.add(DynamicTest.dynamicTest(caller + ": " + endpoint + " is " + expected, () -> {
                    TestServer.Response r = callers.get(caller).request(endpoint.method(), endpoint.path().get(), endpoint.body());
                    String what = caller + " " + endpoint + " answered " + r.status() + " " + r.body();
                    switch (expected) {
                        case "unauthenticated" -> {
                            assertThat(r.status()).as(what).isEqualTo(401);
                            assertThat(r.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
                        }
                        case "forbidden" -> {
                            assertThat(r.status()).as(what).isEqualTo(403);
                            assertThat(r.json().get("detail").asString()).as(what).isNotEmpty();
                        }
                        case "hidden" -> assertThat(r.status() == 404
                                || r.status() == 400 && r.json().get("detail").asString().startsWith("no ")).as(what).isTrue();
                        default -> {
                            assertThat(r.status()).as(what).isNotIn(401, 403, 404).isLessThan(500);
                            if (endpoint.method().equals("GET")) {
                                assertThat(r.status()).as(what).isEqualTo(200);
                            }
                        }
                    }
                }));
            }
        }
        return tests.stream();
    }

    private static String expected(Endpoint endpoint, String caller) {
        if (caller.equals("anonymous")) {
            return "unauthenticated";
        }
        if (caller.equals("outsider")) {
            return endpoint.scope() == Scope.OBJECT ? "hidden" : "allowed";
        }
        Min role = Min.valueOf(caller.toUpperCase());
        return role.compareTo(endpoint.min()) >= 0 ? "allowed" : "forbidden";
    }

    private long newStorage() {
        return server.admin().post("/api/v1/storages", Map.of("name", "disk " + (++names), "type", "local",
                "settings", Map.of("path", storageDir.toString())), 201).get("id").asLong();
    }

    private long newDatabase(Long storage) {
        Map<String, Object> d = new HashMap<>(Map.of("name", "app " + (++names), "host", "127.0.0.1", "port", pg.port(),
                "database", "app", "user", EmbeddedPostgres.SUPERUSER, "encrypted", true));
        if (storage != null) {
            d.put("storageId", storage);
        }
        return server.admin().post("/api/v1/databases", d, 201).get("id").asLong();
    }

    private long newSchedule() {
        return server.admin().post("/api/v1/schedules", Map.of("databaseId", databaseId, "kind", "cron",
                "cron", "0 0 3 1 1 *", "zone", "UTC"), 201).get("id").asLong();
    }

    private String newBackup() {
        JsonNode queued = server.admin().post("/api/v1/databases/" + databaseId + "/backups", "", 202);
        JsonNode run = server.admin().awaitRun(queued.get("id").asLong(), Duration.ofSeconds(120));
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        return run.get("backupId").asString();
    }

    private String newBackupPath() {
        return "/api/v1/backups/" + newBackup();
    }

    private long newMember() {
        String name = "member-" + (++names);
        return server.admin().post("/api/v1/users", Map.of("username", name, "password", name + "-password",
                "workspaceId", 1, "role", "viewer"), 201).get("id").asLong();
    }
}
