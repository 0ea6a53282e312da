package io.tusk.pipeline.backup;

import io.tusk.pipeline.storage.FtpTestServer;
import io.tusk.pipeline.storage.Storage;
import io.tusk.pipeline.storage.StorageUrls;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Backups through explicit FTPS to Apache FtpServer; the cut stops the server mid-upload. */
class FtpBackupTest extends StorageBackupTest {
    @TempDir
    Path served;
    @TempDir
    Path work;
    private FtpTestServer server;

    @Override
    Storage openStorage() throws Exception {
        server = FtpTestServer.start(served, work, FtpTestServer.Tls.EXPLICIT);
        Files.createDirectories(served.resolve("backups"));
        return StorageUrls.open(url());
    }

    private String url() {
        return server.url("backups", "truststore=" + server.truststore() + "&truststorePassword=changeit");
    }

    @Override
    void cutConnection() throws Exception {
        server.close();
    }

    @Override
    Storage reopenStorage() throws Exception {
        server = FtpTestServer.start(served, work, FtpTestServer.Tls.EXPLICIT, server.port());
        return StorageUrls.open(url());
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }
}
