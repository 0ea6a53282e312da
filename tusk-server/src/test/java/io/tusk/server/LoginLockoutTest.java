package io.tusk.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Five failed logins in a row lock an account for 15 minutes; an address that keeps failing is throttled. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginLockoutTest {
    private static final int PER_ADDRESS = 12;
    private TestServer server;
    private SettableClock clock;
    private int users;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start(Files.createTempDirectory("tusk-lockout"), SettableClock.ARGUMENT,
                "--tusk.login.max-failures-per-address=" + PER_ADDRESS);
        clock = server.context().getBean(SettableClock.class);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** Past every lock and every address window of the test before. */
    @BeforeEach
    void forgetEarlierFailures() {
        clock.advance(Duration.ofHours(1));
    }

    @Test
    void shouldLockAnAccountAfterFiveFailuresUntilFifteenMinutesHavePassed() {
        String name = newUser();
        for (int i = 1; i <= 4; i++) {
            assertThat(login(name, "wrong password " + i).status()).isEqualTo(401);
        }
        assertThat(login(name, name + "-password").status()).as("four failures do not lock").isEqualTo(200);
        for (int i = 1; i <= 5; i++) {
            TestServer.Response r = login(name, "wrong password " + i);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json().get("detail").asString()).isEqualTo("wrong username or password");
        }

        TestServer.Response locked = login(name, name + "-password");
        assertThat(locked.status()).isEqualTo(401);
        assertThat(locked.json().get("detail").asString()).contains("is locked until").contains("ask an admin");

        clock.advance(Duration.ofMinutes(14));
        assertThat(login(name, name + "-password").status()).as("still locked after 14 minutes").isEqualTo(401);
        clock.advance(Duration.ofMinutes(2));
        assertThat(login(name, name + "-password").status()).as("unlocked after 16 minutes").isEqualTo(200);
    }

    @Test
    void shouldUnlockAnAccountWhenAnAdminSetsANewPassword() {
        String name = newUser();
        for (int i = 1; i <= 5; i++) {
            login(name, "wrong password " + i);
        }
        long id = server.getJson("/api/v1/users").valueStream().filter(u -> u.get("username").asString().equals(name))
                .findFirst().orElseThrow().get("id").asLong();
        assertThat(server.getJson("/api/v1/users").valueStream().filter(u -> u.get("id").asLong() == id)
                .findFirst().orElseThrow().get("locked").asBoolean()).isTrue();

        assertThat(server.put("/api/v1/users/" + id, Map.of("password", "a brand new password")).status()).isEqualTo(200);

        assertThat(login(name, "a brand new password").status()).isEqualTo(200);
    }

    @Test
    void shouldThrottleAnAddressThatKeepsFailingWhateverUsernamesItTries() {
        for (int i = 0; i < PER_ADDRESS; i++) {
            assertThat(login("nobody-" + i, "guess").status()).isEqualTo(401);
        }

        // even the right password of a real account is not checked now
        TestServer.Response r = login(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.json().get("detail").asString()).contains("too many failed logins from 127.0.0.1");

        clock.advance(Duration.ofMinutes(16));
        assertThat(login(TestServer.ADMIN, TestServer.ADMIN_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void shouldAnswerAnUnknownUserAsAWrongPassword() {
        TestServer.Response unknown = login("no-such-user", "whatever password");
        TestServer.Response wrong = login(TestServer.ADMIN, "whatever password");

        assertThat(unknown.status()).isEqualTo(wrong.status()).isEqualTo(401);
        assertThat(unknown.json().get("detail")).isEqualTo(wrong.json().get("detail"));
    }

    @Test
    void shouldRefuseADisabledAccount() {
        String name = newUser();
        long id = server.getJson("/api/v1/users").valueStream().filter(u -> u.get("username").asString().equals(name))
                .findFirst().orElseThrow().get("id").asLong();
        TestServer.Client session = server.login(name, name + "-password");

        assertThat(server.put("/api/v1/users/" + id, Map.of("enabled", false)).status()).isEqualTo(200);

        assertThat(login(name, name + "-password").json().get("detail").asString()).contains("is disabled");
        assertThat(session.get("/api/v1/me").status()).as("the open session ends too").isEqualTo(401);
    }

    private String newUser() {
        String name = "user" + (++users);
        server.post("/api/v1/users", Map.of("username", name, "password", name + "-password", "workspaceId", 1, "role", "viewer"), 201);
        return name;
    }

    private TestServer.Response login(String username, String password) {
        return server.anonymous().post("/api/v1/login", Map.of("username", username, "password", password));
    }
}
