package io.tusk.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Master-key rotation, online ({@code POST /api/v1/admin/rotate-master-key}) and at start-up
 * ({@code --tusk.rotate-master-key-from}): afterwards every stored secret still opens, under the new key only. A
 * password-protected database proves the password, an encrypted one its backup key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MasterKeyRotationTest {
    private static final String DB_USER = "tusk_rotation";
    private static final String DB_PASSWORD = "rotation-password-1";
    private EmbeddedPostgres pg;
    private Path dataDir;
    private TestServer server;
    private long databaseId;
    private String backupKey;

    @BeforeAll
    void start() throws Exception {
        pg = EmbeddedPostgres.builder(18).passwordUser(DB_USER, DB_PASSWORD).start();
        pg.execute("postgres", "ALTER ROLE " + DB_USER + " SUPERUSER");
        dataDir = Files.createTempDirectory("tusk-rotation");
        server = TestServer.start(dataDir);
        databaseId = server.post("/api/v1/databases", Map.of("name", "app", "host", "127.0.0.1", "port", pg.port(),
                "database", "postgres", "user", DB_USER, "password", DB_PASSWORD, "encrypted", true), 201).get("id").asLong();
        backupKey = server.getJson("/api/v1/databases/" + databaseId + "/key").get("key").asString();
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
    @Order(1)
    void shouldReencryptEverySecretUnderANewKeyFileWhileRunning() throws Exception {
        String before = masterKey();

        TestServer.Response r = server.post("/api/v1/admin/rotate-master-key", "");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("reencrypted").asInt()).isEqualTo(2);
        assertThat(masterKey()).matches("[0-9a-f]{64}").isNotEqualTo(before);
        assertThat(dataDir.resolve("master.key.next")).doesNotExist();
        assertThat(server.post("/api/v1/databases/" + databaseId + "/test", "").status()).as("the password opens").isEqualTo(200);
        assertThat(server.getJson("/api/v1/databases/" + databaseId + "/key").get("key").asString()).isEqualTo(backupKey);

        server.close();
        server = TestServer.start(dataDir);
        assertThat(server.post("/api/v1/databases/" + databaseId + "/test", "").status()).as("and still after a restart").isEqualTo(200);
        assertThat(server.getJson("/api/v1/audit?action=master-key.rotate").get(0).get("detail").asString()).isEqualTo("2 secrets re-encrypted");
    }

    @Test
    @Order(2)
    void shouldRefuseToOpenSecretsUnderAReplacedKeyAndSayWhy() throws Exception {
        server.close();
        String old = masterKey();
        writeMasterKey(freshKey());
        server = TestServer.start(dataDir);

        TestServer.Response r = server.post("/api/v1/databases/" + databaseId + "/test", "");

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("detail").asString()).contains("does not decrypt under this master key");
        server.close();
        writeMasterKey(old);
        server = TestServer.start(dataDir);
    }

    @Test
    @Order(3)
    void shouldReencryptEverySecretAtStartupFromTheOldKey() throws Exception {
        server.close();
        String old = masterKey();
        writeMasterKey(freshKey());

        server = TestServer.start(dataDir, "--tusk.rotate-master-key-from=" + old);

        assertThat(server.post("/api/v1/databases/" + databaseId + "/test", "").status()).isEqualTo(200);
        assertThat(server.getJson("/api/v1/databases/" + databaseId + "/key").get("key").asString()).isEqualTo(backupKey);
        server.close();
        // run again: the values are under the new key already, and are left alone
        server = TestServer.start(dataDir, "--tusk.rotate-master-key-from=" + old);
        assertThat(server.post("/api/v1/databases/" + databaseId + "/test", "").status()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void shouldRefuseToStartWhenTheOldKeyGivenIsWrongAndChangeNothing() throws Exception {
        server.close();
        server = null;
        String current = masterKey();
        writeMasterKey(freshKey());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestServer.start(dataDir, "--tusk.rotate-master-key-from=" + freshKey()))
                .hasStackTraceContaining("opens under neither the old nor the new master key");

        writeMasterKey(current);
        server = TestServer.start(dataDir);
        assertThat(server.post("/api/v1/databases/" + databaseId + "/test", "").status()).isEqualTo(200);
    }

    private String masterKey() throws Exception {
        return Files.readString(dataDir.resolve("master.key"), StandardCharsets.US_ASCII).trim();
    }

    private void writeMasterKey(String hex) throws Exception {
        Files.writeString(dataDir.resolve("master.key"), hex + "\n", StandardCharsets.US_ASCII);
    }

    private static String freshKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return HexFormat.of().formatHex(key);
    }
}
