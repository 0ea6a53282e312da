package io.tusk.pipeline.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tusk.TuskException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStorageTest extends StorageContract {
    @TempDir
    Path dir;

    @Override
    Storage storage() {
        return StorageUrls.open(dir.toUri().toString());
    }

    @Test
    void shouldRemoveThePartialFileOnAbort() throws IOException {
        StorageUpload upload = storage().create("db/x.dump");
        upload.write(new byte[1000]);
        upload.abort();
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void shouldRefuseKeysOutsideItsDirectory() {
        assertThatThrownBy(() -> storage().create("../escape.dump")).isInstanceOf(TuskException.class)
                .hasMessageContaining("invalid object key \"../escape.dump\"");
    }
}
