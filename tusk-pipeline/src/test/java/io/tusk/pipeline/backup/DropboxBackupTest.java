package io.tusk.pipeline.backup;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.tusk.pipeline.storage.FakeDropbox;
import io.tusk.pipeline.storage.Storage;
import io.tusk.pipeline.storage.StorageUrls;
import org.junit.jupiter.api.AfterEach;

/** Backups into a WireMock Dropbox in 256 KiB chunks; the cut resets every upload-session call from then on. */
class DropboxBackupTest extends StorageBackupTest {
    private FakeDropbox dropbox;
    private StubMapping fault;

    @Override
    Storage openStorage() {
        dropbox = FakeDropbox.launch();
        return StorageUrls.open(dropbox.url("Backups", "&chunkSize=262144"));
    }

    @Override
    long cutAfterBytes() {
        return 600_000;
    }

    @Override
    void cutConnection() {
        fault = dropbox.server().stubFor(post(urlPathMatching("/2/files/upload_session/.*")).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    @Override
    Storage reopenStorage() {
        dropbox.server().removeStub(fault);
        return StorageUrls.open(dropbox.url("Backups", "&chunkSize=262144"));
    }

    @AfterEach
    void stopDropbox() {
        if (dropbox != null) {
            dropbox.shutdown();
        }
    }
}
