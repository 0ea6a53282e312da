package io.tusk.pipeline.backup;

import io.tusk.pipeline.storage.AzuriteServer;
import io.tusk.pipeline.storage.Storage;
import io.tusk.pipeline.storage.StorageUrls;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Backups into Azurite's Blob service; the cut stops Azurite mid-upload, between staged blocks. */
class AzureBackupTest extends StorageBackupTest {
    @TempDir
    Path work;
    private AzuriteServer azurite;

    @Override
    Storage openStorage() throws Exception {
        azurite = AzuriteServer.start(Files.createDirectories(work.resolve("azurite")));
        azurite.createContainer("backups");
        return StorageUrls.open(url());
    }

    /** Blocks of 64 KiB, so the cut falls between blocks of one upload. */
    private String url() {
        return azurite.url("backups", "tusk") + "&blockSize=65536";
    }

    @Override
    void cutConnection() throws Exception {
        azurite.close();
    }

    @Override
    Storage reopenStorage() throws Exception {
        azurite = AzuriteServer.start(work.resolve("azurite"), azurite.port());
        return StorageUrls.open(url());
    }

    @AfterEach
    void stopAzurite() throws Exception {
        if (azurite != null) {
            azurite.close();
        }
    }
}
