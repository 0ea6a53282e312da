package io.tusk.pipeline.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class S3StorageTest extends StorageContract {
    private static S3ProxyServer server;
    private static int run;
    private Storage storage;

    @BeforeAll
    static void startS3() throws Exception {
        server = S3ProxyServer.start();
    }

    @AfterAll
    static void stopS3() throws Exception {
        server.close();
    }

    @Override
    Storage storage() {
        if (storage == null) {
            storage = StorageUrls.open(server.url("test" + (++run), "&partSize=" + S3Storage.MIN_PART_SIZE));
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
    void shouldUploadALargeObjectInPartsAndReadItBack() throws IOException {
        Storage s = storage();
        byte[] content = randomBytes(12 << 20, 3);
        try (StorageUpload upload = s.create("db/large.dump")) {
            for (int off = 0; off < content.length; off += 100_000) {
                upload.write(content, off, Math.min(100_000, content.length - off));
            }
        }
        assertThat(s.stat("db/large.dump")).get().extracting(StoredObject::size).isEqualTo((long) content.length);
        try (InputStream in = s.get("db/large.dump")) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void shouldAbortMultipartUploadsThatAKilledRunLeft() throws IOException {
        Storage s = storage();
        StorageUpload abandoned = s.create("db/killed.dump");
        abandoned.write(randomBytes(S3Storage.MIN_PART_SIZE + 1, 6));
        assertThat(s.removeAbandonedUploads(java.time.Instant.now().minus(java.time.Duration.ofHours(1)))).isZero();
        assertThat(s.removeAbandonedUploads(java.time.Instant.now().plus(java.time.Duration.ofMinutes(1)))).isEqualTo(1);
        assertThat(s.removeAbandonedUploads(java.time.Instant.now().plus(java.time.Duration.ofMinutes(1)))).isZero();
        assertThat(s.list("")).isEmpty();
    }

    @Test
    void shouldAbortAMultipartUploadWithoutAnObject() throws IOException {
        Storage s = storage();
        StorageUpload upload = s.create("db/aborted-large.dump");
        upload.write(randomBytes(11 << 20, 4));
        upload.abort();
        assertThat(s.list("")).isEmpty();
        assertThat(s.stat("db/aborted-large.dump")).isEmpty();
    }
}
