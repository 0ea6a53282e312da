package io.tusk.pipeline.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tusk.TuskException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftpStorageTest extends StorageContract {
    @TempDir
    static Path served;
    @TempDir
    static Path work;
    private static SftpTestServer server;
    private static int run;
    private Storage storage;
    private String dir;

    @BeforeAll
    static void startSftp() throws Exception {
        server = SftpTestServer.start(served, work);
    }

    @AfterAll
    static void stopSftp() throws Exception {
        server.close();
    }

    @Override
    Storage storage() {
        if (storage == null) {
            dir = "test" + (++run);
            try {
                Files.createDirectories(served.resolve(dir));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            storage = StorageUrls.open(server.url(dir));
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
    void shouldRemoveThePartialFileOnAbortAndRenameItOnCommit() throws IOException {
        StorageUpload aborted = storage().create("db/x.dump");
        aborted.write(new byte[1000]);
        try (Stream<Path> files = Files.list(served.resolve(dir).resolve("db"))) {
            assertThat(files.map(p -> p.getFileName().toString())).singleElement().asString()
                    .startsWith(".x.dump.").endsWith(".partial");
        }
        aborted.abort();
        try (StorageUpload committed = storage().create("db/x.dump")) {
            committed.write(new byte[] {1, 2, 3});
        }
        try (Stream<Path> files = Files.list(served.resolve(dir).resolve("db"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("x.dump");
        }
    }

    @Test
    void shouldRemoveOnlyOldAbandonedPartialFiles() throws IOException {
        Storage s = storage();
        Path db = Files.createDirectories(served.resolve(dir).resolve("db"));
        Path old = Files.write(db.resolve(".a.dump.1.partial"), new byte[] {1});
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofDays(2))));
        Path fresh = Files.write(db.resolve(".b.dump.2.partial"), new byte[] {2});
        Path object = Files.write(db.resolve("c.dump"), new byte[] {3});
        Files.setLastModifiedTime(object, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofDays(2))));
        assertThat(s.removeAbandonedUploads(java.time.Instant.now().minus(java.time.Duration.ofDays(1)))).isEqualTo(1);
        assertThat(old).doesNotExist();
        assertThat(fresh).exists();
        assertThat(object).exists();
    }

    @Test
    void shouldReplaceAnExistingObjectOnCommit() throws IOException {
        Storage s = storage();
        s.put("db/same.json", new byte[] {1});
        s.put("db/same.json", new byte[] {2, 3});
        try (InputStream in = s.get("db/same.json")) {
            assertThat(in.readAllBytes()).containsExactly(2, 3);
        }
    }

    @Test
    void shouldLogInWithAPrivateKey() throws Exception {
        Path key = work.resolve("id_ecdsa");
        try (OutputStream keyFile = Files.newOutputStream(key)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(server.clientKey(), "tusk test", null, keyFile);
        }
        Files.createDirectories(served.resolve("bykey"));
        String url = "sftp://" + SftpTestServer.USER + "@127.0.0.1:" + server.port() + "/bykey?privateKey=" + key
                + "&knownHosts=" + server.knownHosts();
        try (Storage s = StorageUrls.open(url)) {
            s.put("k.json", new byte[] {7});
            assertThat(s.list("")).containsExactly("k.json");
            assertThat(s.location()).isEqualTo("sftp://tusk@127.0.0.1:" + server.port() + "/bykey");
        }
    }

    @Test
    void shouldRefuseAWrongPassword() {
        String url = "sftp://" + SftpTestServer.USER + ":wrong@127.0.0.1:" + server.port() + "/?knownHosts=" + server.knownHosts();
        assertThatThrownBy(() -> StorageUrls.open(url)).isInstanceOf(TuskException.class)
                .hasMessage("SFTP login as \"tusk\" on 127.0.0.1:" + server.port() + " failed: check the password");
    }

    @Test
    void shouldRefuseAnUnknownHostKeyNamingItsFingerprint() throws IOException {
        Path empty = Files.writeString(work.resolve("empty_known_hosts"), "");
        String url = server.url("") .replace(server.knownHosts().toString(), empty.toString());
        assertThatThrownBy(() -> StorageUrls.open(url)).isInstanceOf(TuskException.class)
                .hasMessageContaining("127.0.0.1")
                .hasMessageContaining(String.valueOf(server.port()))
                .hasMessageContaining(KeyUtils.getFingerPrint(server.hostKey().getPublic()))
                .hasMessageContaining("is not in " + empty)
                .hasMessageNotContaining("s3cr");
    }

    @Test
    void shouldAcceptAnUnknownHostKeyWithoutStrictCheckingAndLeaveKnownHostsAlone() throws IOException {
        Path empty = Files.writeString(work.resolve("empty_known_hosts2"), "");
        String url = server.url("").replace(server.knownHosts().toString(), empty.toString()) + "&strictHostKeyChecking=no";
        try (Storage s = StorageUrls.open(url)) {
            assertThat(s.stat("nothing.json")).isEmpty();
        }
        assertThat(empty).isEmptyFile();
    }

    @Test
    void shouldRefuseAChangedHostKey() throws Exception {
        Path other = work.resolve("other_known_hosts");
        Files.writeString(other, "[127.0.0.1]:" + server.port() + " "
                + org.apache.sshd.common.config.keys.PublicKeyEntry.toString(server.clientKey().getPublic()) + "\n");
        String url = server.url("").replace(server.knownHosts().toString(), other.toString()) + "&strictHostKeyChecking=no";
        assertThatThrownBy(() -> StorageUrls.open(url)).isInstanceOf(TuskException.class)
                .hasMessageContaining(KeyUtils.getFingerPrint(server.hostKey().getPublic()))
                .hasMessageContaining("expects " + KeyUtils.getFingerPrint(server.clientKey().getPublic()));
    }

    @Test
    void shouldSayWhenTheConnectionIsRefused() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "sftp://tusk:x@127.0.0.1:" + closedPort + "/?knownHosts=" + server.knownHosts();
        assertThatThrownBy(() -> StorageUrls.open(url)).isInstanceOf(TuskException.class)
                .hasMessageStartingWith("SFTP connection to 127.0.0.1:" + closedPort + " refused.");
    }

    @Test
    void shouldSayWhenTheDirectoryIsMissing() {
        assertThatThrownBy(() -> StorageUrls.open(server.url("nowhere"))).isInstanceOf(TuskException.class)
                .hasMessage("SFTP storage directory /nowhere does not exist on 127.0.0.1:" + server.port()
                        + ": create it, or check the path in the URL");
    }

    @Test
    void shouldHideThePasswordInMessages() {
        assertThat(StorageUrls.redact("sftp://tusk:hunter2@host/dir")).isEqualTo("sftp://tusk:***@host/dir");
    }
}
