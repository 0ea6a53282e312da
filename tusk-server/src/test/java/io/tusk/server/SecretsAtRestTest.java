package io.tusk.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.tusk.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The secrets a server is given (a database password, an SFTP password) and the ones it makes (API token, backup
 * key) appear neither in its metadata database files nor in anything it logs, at DEBUG, over a full backup,
 * restore, download and key export.
 */
class SecretsAtRestTest {
    private static final String DB_USER = "tusk_backup";
    private static final String DB_PASSWORD = "pg-pass-5f1c8e2a9b";
    private static final String SFTP_USER = "backups";
    private static final String SFTP_PASSWORD = "sftp-pass-3d7e0b6c41";

    @Test
    void shouldKeepEverySecretOutOfTheMetadataFilesAndTheLogs() throws Exception {
        Path dataDir = Files.createTempDirectory("tusk-secrets-data");
        Path sftpRoot = Files.createTempDirectory("tusk-secrets-sftp");
        Files.createDirectory(sftpRoot.resolve("backups"));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        List<String> secrets = new ArrayList<>(List.of(DB_PASSWORD, SFTP_PASSWORD, TestServer.ADMIN_PASSWORD));
        List<byte[]> rawSecrets = new ArrayList<>();
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger root = null;
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder(18).passwordUser(DB_USER, DB_PASSWORD).start();
             SftpServer sftp = SftpServer.start(sftpRoot, SFTP_USER, SFTP_PASSWORD)) {
            pg.execute("postgres", "ALTER ROLE " + DB_USER + " SUPERUSER");
            pg.createDatabase("app");
            pg.execute("app", "CREATE TABLE orders (id int PRIMARY KEY, note text); INSERT INTO orders SELECT g, 'order ' || g FROM generate_series(1, 200) g");
            pg.createDatabase("app_copy");
            // everything printed from before the start, for what logs there before the appender below exists
            System.setOut(new PrintStream(tee(out, console), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(tee(err, console), true, StandardCharsets.UTF_8));
            try (TestServer server = TestServer.start(dataDir, "--logging.level.io.tusk=DEBUG",
                    "--logging.level.org.springframework.web=DEBUG", "--logging.level.org.springframework.security=DEBUG",
                    "--logging.level.org.springframework.jdbc=DEBUG")) {
                root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
                logged.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
                logged.start();
                root.addAppender(logged);
                secrets.add(server.admin().token());

                // SFTP files come from the data directory's ssh/ only
                Files.copy(sftp.knownHosts(), Files.createDirectories(dataDir.resolve("ssh")).resolve("known_hosts"));
                long storage = server.post("/api/v1/storages", Map.of("name", "sftp", "type", "sftp",
                        "settings", Map.of("host", "127.0.0.1", "port", Integer.toString(sftp.port()), "user", SFTP_USER,
                                "path", "/backups"),
                        "secrets", Map.of("password", SFTP_PASSWORD)), 201).get("id").asLong();
                JsonNode source = server.post("/api/v1/databases", Map.of("name", "app", "host", "127.0.0.1", "port", pg.port(),
                        "database", "app", "user", DB_USER, "password", DB_PASSWORD, "encrypted", true, "storageId", storage), 201);
                assertThat(source.toString()).doesNotContain(DB_PASSWORD);
                assertThat(server.getJson("/api/v1/storages/" + storage).toString()).doesNotContain(SFTP_PASSWORD).contains("password");
                long target = server.post("/api/v1/databases", Map.of("name", "app copy", "host", "127.0.0.1", "port", pg.port(),
                        "database", "app_copy", "user", DB_USER, "password", DB_PASSWORD), 201).get("id").asLong();

                JsonNode backup = server.awaitRun(server.post("/api/v1/databases/" + source.get("id").asLong() + "/backups", "", 202)
                        .get("id").asLong(), Duration.ofSeconds(120));
                assertThat(backup.get("status").asString()).as(backup.toString()).isEqualTo("succeeded");
                String backupId = backup.get("backupId").asString();
                JsonNode restore = server.awaitRun(server.post("/api/v1/restores", Map.of("backupId", backupId, "targetDatabaseId", target), 202)
                        .get("id").asLong(), Duration.ofSeconds(120));
                assertThat(restore.get("status").asString()).as(restore.toString()).isEqualTo("succeeded");
                assertThat(server.get("/api/v1/backups/" + backupId + "/download").body()).startsWith("PGDMP");
                String key = server.getJson("/api/v1/databases/" + source.get("id").asLong() + "/key").get("key").asString();
                secrets.add(key);
                rawSecrets.add(HexFormat.of().parseHex(key));

                assertThat(server.getJson("/api/v1/audit").valueStream().map(e -> e.get("action").asString() + (e.has("detail") ? " " + e.get("detail").asString() : "")))
                        .contains("run.backup run now", "restore over the existing database", "backup.download decrypted", "key.export");
            } finally {
                if (root != null) {
                    root.detachAppender(logged);
                }
                System.setOut(out);
                System.setErr(err);
            }
        }

        StringBuilder logs = new StringBuilder(console.toString(StandardCharsets.UTF_8));
        for (ILoggingEvent event : logged.list) {
            logs.append(event.getFormattedMessage()).append('\n');
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                logs.append(t.getMessage()).append('\n');
            }
        }
        assertThat(logged.list).as("the DEBUG log of the run was captured").hasSizeGreaterThan(100);
        assertThat(logs).contains("audit: restore");
        for (String secret : secrets) {
            assertThat(logs.indexOf(secret)).as("a secret (%s...) in the logs", secret.substring(0, 6)).isEqualTo(-1);
        }

        List<Path> files;
        try (var walk = Files.walk(dataDir)) {
            files = walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("master.key")).toList();
        }
        assertThat(files.stream().map(p -> p.getFileName().toString())).contains("metadata.mv.db");
        // the scan reads what the server stored in clear beside the secrets: the user name, say
        assertThat(indexOf(Files.readAllBytes(dataDir.resolve("metadata.mv.db")), DB_USER.getBytes(StandardCharsets.UTF_8))).isNotEqualTo(-1);
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            for (String secret : secrets) {
                assertThat(indexOf(content, secret.getBytes(StandardCharsets.UTF_8))).as("a secret (%s...) in %s", secret.substring(0, 6), file).isEqualTo(-1);
            }
            for (byte[] raw : rawSecrets) {
                assertThat(indexOf(content, raw)).as("the raw backup key in %s", file).isEqualTo(-1);
            }
        }
    }

    private static OutputStream tee(OutputStream first, OutputStream second) {
        return new OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                first.write(b);
                second.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
                first.write(b, off, len);
                second.write(b, off, len);
            }
        };
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
