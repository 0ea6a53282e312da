package io.tusk.pipeline.backup;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.tusk.pipeline.storage.FakeGoogleDrive;
import io.tusk.pipeline.storage.Storage;
import io.tusk.pipeline.storage.StorageUrls;
import org.junit.jupiter.api.AfterEach;

/** Backups into a WireMock Google Drive in 256 KiB chunks; the cut resets every chunk's connection from then on. */
class GoogleDriveBackupTest extends StorageBackupTest {
    private FakeGoogleDrive drive;
    private StubMapping fault;

    @Override
    Storage openStorage() {
        drive = FakeGoogleDrive.launch();
        return StorageUrls.open(drive.url("&chunkSize=262144"));
    }

    @Override
    long cutAfterBytes() {
        return 600_000;
    }

    @Override
    void cutConnection() {
        fault = drive.server().stubFor(put(urlPathEqualTo("/upload/drive/v3/files")).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    @Override
    Storage reopenStorage() {
        drive.server().removeStub(fault);
        return StorageUrls.open(drive.url("&chunkSize=262144"));
    }

    @AfterEach
    void stopDrive() {
        if (drive != null) {
            drive.shutdown();
        }
    }
}
