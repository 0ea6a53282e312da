package io.tusk.pipeline.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tusk.TuskException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FtpStorageTest extends StorageContract {
    @TempDir
    static Path served;
    @TempDir
    static Path work;
    static FtpTestServer server;
    private static int run;
    final List<Duration> waits = new ArrayList<>();
    private Storage storage;
    String dir;

    @BeforeAll
    static void startFtp() throws Exception {
        server = FtpTestServer.start(served, work, FtpTestServer.Tls.NONE);
    }

    @AfterAll
    static void stopFtp() throws Exception {
        server.close();
    }

    /** The storage URL of a fresh directory; FTPS subclasses add their TLS parameters. */
    String url(String dir) {
        return server.url(dir, "");
    }

    Storage open(String url) {
        return StorageUrls.open(url, Map.<String, String>of()::get, new Retry(3, Duration.ofMillis(200), waits::add));
    }

    @Override
    Storage storage() {
        if (storage == null) {
            dir = getClass().getSimpleName() + (++run);
            try {
                Files.createDirectories(served.resolve(dir));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            storage = open(url(dir));
        }
        return storage;
    }

    @AfterEach
    void closeStorage() throws IOException {
        if (storage != null) {
            storage.close();
        }
    }

    @Test
    void shouldWriteAHiddenPartialFileAndRenameItOnCommit() throws IOException {
        StorageUpload upload = storage().create("db/x.dump");
        upload.write(new byte[1000]);
        upload.flush();
        // the server opens the file when it handles STOR, a moment after the client has its data connection
        assertThat(awaitFiles(served.resolve(dir).resolve("db"))).singleElement().asString()
                .startsWith(".x.dump.").endsWith(".partial");
        upload.close();
        try (Stream<Path> files = Files.list(served.resolve(dir).resolve("db"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("x.dump");
        }
        assertThat(served.resolve(dir).resolve("db/x.dump")).hasSize(1000);
    }

    private static List<String> awaitFiles(Path dir) throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            List<String> names;
            try (Stream<Path> files = Files.list(dir)) {
                names = files.map(p -> p.getFileName().toString()).toList();
            }
            if (!names.isEmpty() || System.nanoTime() > deadline) {
                return names;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return names;
            }
        }
    }

    @Test
    void shouldDeleteThePartialFileOnAbort() throws IOException {
        StorageUpload upload = storage().create("db/y.dump");
        upload.write(new byte[5000]);
        upload.abort();
        try (Stream<Path> files = Files.list(served.resolve(dir).resolve("db"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void shouldReplaceAnExistingObjectOnCommit() throws IOException {
        Storage s = storage();
        s.put("db/same.json", new byte[] {1});
        s.put("db/same.json", new byte[] {2, 3});
        try (InputStream in = s.get("db/same.json")) {
            assertThat(in.readAllBytes()).containsExactly(2, 3);
        }
        assertThat(s.list("db/")).containsExactly("db/same.json");
    }

    @Test
    void shouldRemoveOnlyOldAbandonedPartialFiles() throws IOException {
        Storage s = storage();
        Path db = Files.createDirectories(served.resolve(dir).resolve("db"));
        Path old = Files.write(db.resolve(".a.dump.1.partial"), new byte[] {1});
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path fresh = Files.write(db.resolve(".b.dump.2.partial"), new byte[] {2});
        assertThat(s.removeAbandonedUploads(Instant.now().minus(Duration.ofDays(1)))).isEqualTo(1);
        assertThat(old).doesNotExist();
        assertThat(fresh).exists();
    }

    @Test
    void shouldRetryATransientReply() throws IOException {
        Storage s = storage();
        s.put("db/a.json", new byte[] {1});
        waits.clear();
        server.failNext("MLST", 450);
        assertThat(s.stat("db/a.json")).get().extracting(StoredObject::size).isEqualTo(1L);
        server.failNext("DELE", 421);
        s.delete("db/a.json");
        assertThat(s.list("")).isEmpty();
        assertThat(waits).containsExactly(Duration.ofMillis(200), Duration.ofMillis(200));
    }

    @Test
    void shouldGiveUpAfterThreeRetriesWithTheServersReply() throws IOException {
        Storage s = storage();
        waits.clear();
        server.failNextTimes("MLST", 450, 4);
        assertThatThrownBy(() -> s.stat("db/a.json")).isInstanceOf(IOException.class)
                .hasMessage("FTP server 127.0.0.1:" + server.port() + " refused to stat /" + dir
                        + "/db/a.json (450 Simulated failure, try again later.)");
        assertThat(waits).hasSize(3);
    }

    @Test
    void shouldRefuseAWrongPasswordSayingWhatToCheck() {
        String wrong = url("").replace("pa%3Ass%2Fw%40rd", "wrong");
        assertThatThrownBy(() -> open(wrong)).isInstanceOf(TuskException.class)
                .hasMessage(scheme() + " login as backup@127.0.0.1:" + server.port() + " refused (530): check the user and password")
                .hasMessageNotContaining("wrong");
    }

    @Test
    void shouldTakeThePasswordFromTheEnvironment() throws IOException {
        Files.createDirectories(served.resolve("byenv"));
        String noPassword = url("byenv").replace(":pa%3Ass%2Fw%40rd@", "@");
        try (Storage s = StorageUrls.open(noPassword, Map.of(FtpUrls.PASSWORD_ENV, FtpTestServer.PASSWORD)::get, Retry.standard())) {
            s.put("k.json", new byte[] {7});
            assertThat(s.list("")).containsExactly("k.json");
            assertThat(s.location()).isEqualTo(url("byenv").replace(":pa%3Ass%2Fw%40rd@", "@").replaceFirst("\\?.*", ""));
        }
    }

    @Test
    void shouldSayWhenTheDirectoryIsMissing() {
        assertThatThrownBy(() -> open(url("nowhere"))).isInstanceOf(TuskException.class)
                .hasMessage(scheme() + " storage directory /nowhere does not exist on 127.0.0.1:" + server.port()
                        + ": create it, or check the path in the URL");
    }

    @Test
    void shouldSayWhenTheConnectionIsRefused() throws IOException {
        int closedPort = FtpTestServer.freePort();
        String url = url("").replace(":" + server.port() + "/", ":" + closedPort + "/");
        assertThatThrownBy(() -> open(url)).isInstanceOf(TuskException.class)
                .hasMessageStartingWith("FTP connection to 127.0.0.1:" + closedPort + " refused.");
    }

    @Test
    void shouldHideThePasswordInMessages() {
        assertThat(StorageUrls.redact("ftps://backup:hunter2@host/dir?truststorePassword=s3cret&trustAll=true"))
                .isEqualTo("ftps://backup:***@host/dir?truststorePassword=***&trustAll=true");
    }

    /** "FTP" in messages about logging in and directories, whatever the TLS. */
    String scheme() {
        return "FTP";
    }
}
