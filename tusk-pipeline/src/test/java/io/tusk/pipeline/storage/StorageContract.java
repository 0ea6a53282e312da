package io.tusk.pipeline.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What every storage must do; a subclass per storage opens it. */
abstract class StorageContract {
    abstract Storage storage();

    @Test
    void shouldShowAnObjectOnlyOnceItsUploadIsClosed() throws IOException {
        Storage s = storage();
        byte[] content = randomBytes(100_000, 1);
        StorageUpload upload = s.create("db/one.dump");
        upload.write(content, 0, 50_000);
        assertThat(s.list("")).isEmpty();
        assertThat(s.stat("db/one.dump")).isEmpty();
        upload.write(content, 50_000, 50_000);
        upload.close();

        assertThat(s.list("")).containsExactly("db/one.dump");
        assertThat(s.stat("db/one.dump")).get().extracting(StoredObject::size).isEqualTo(100_000L);
        try (InputStream in = s.get("db/one.dump")) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void shouldLeaveNothingBehindWhenAnUploadIsAborted() throws IOException {
        Storage s = storage();
        StorageUpload upload = s.create("db/aborted.dump");
        upload.write(randomBytes(20_000, 2));
        upload.abort();
        upload.close();
        assertThat(s.list("")).isEmpty();
        assertThat(s.stat("db/aborted.dump")).isEmpty();
    }

    @Test
    void shouldListByPrefixAndDelete() throws IOException {
        Storage s = storage();
        s.put("a/1.json", new byte[] {1});
        s.put("a/2.json", new byte[] {2});
        s.put("b/1.json", new byte[] {3});
        assertThat(s.list("a/")).containsExactly("a/1.json", "a/2.json");
        s.delete("a/1.json");
        s.delete("a/never.json");
        assertThat(s.list("")).containsExactly("a/2.json", "b/1.json");
        assertThatThrownBy(() -> s.get("a/1.json").close()).isInstanceOf(NoSuchFileException.class);
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
