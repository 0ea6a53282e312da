package io.tusk.pipeline.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tusk.TuskException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageUrlsTest {
    @TempDir
    Path dir;

    @Test
    void shouldNameEveryKindOfStorageForAnUnknownScheme() {
        assertThatThrownBy(() -> StorageUrls.open("gopher://user:hunter2@host/x")).isInstanceOf(TuskException.class)
                .hasMessage("unsupported storage URL \"gopher://user:***@host/x\": expected file:///DIR, s3://BUCKET/PREFIX,"
                        + " sftp://USER@HOST/DIR, ftp://USER@HOST/DIR, ftps://USER@HOST/DIR, azure://ACCOUNT/CONTAINER/PREFIX,"
                        + " gdrive://FOLDER_ID or dropbox://PATH");
    }

    @Test
    void shouldNameTheKnownParametersForAnUnknownOne() {
        assertThatThrownBy(() -> StorageUrls.open("dropbox://x?appKey=k&appSecret=s&refreshToken=t&colour=blue"))
                .isInstanceOf(TuskException.class)
                .hasMessageStartingWith("unknown Dropbox storage parameter \"colour\"; known: ")
                .hasMessageContaining("refreshTokenFile");
    }

    @Test
    void shouldReadASecretFromTheFileItsParameterNames() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret"), "  from-file\n");
        StorageUrl url = new StorageUrl(java.net.URI.create("dropbox://x?refreshTokenFile=" + secret), "Dropbox", java.util.Set.of(),
                java.util.Set.of("refreshToken"), Map.of("TUSK_DROPBOX_REFRESH_TOKEN", "from-env")::get);
        assertThat(url.secret("refreshToken", "TUSK_DROPBOX_REFRESH_TOKEN")).isEqualTo("from-file");
        StorageUrl fromEnv = new StorageUrl(java.net.URI.create("dropbox://x"), "Dropbox", java.util.Set.of(),
                java.util.Set.of("refreshToken"), Map.of("TUSK_DROPBOX_REFRESH_TOKEN", "from-env")::get);
        assertThat(fromEnv.secret("refreshToken", "TUSK_DROPBOX_REFRESH_TOKEN")).isEqualTo("from-env");
    }

    @Test
    void shouldSayEveryWayToGiveAMissingSecret() {
        assertThatThrownBy(() -> StorageUrls.open("gdrive://F?clientId=c&clientSecret=s", Map.<String, String>of()::get, Retry.standard()))
                .isInstanceOf(TuskException.class)
                .hasMessage("Google Drive storage URL gives no refreshToken: add refreshToken=... or refreshTokenFile=/path to the URL,"
                        + " or set TUSK_GDRIVE_REFRESH_TOKEN");
    }

    @Test
    void shouldRedactEverySecretParameterAndPassword() {
        assertThat(StorageUrls.redact("s3://b/p?accessKey=a&secretKey=s")).isEqualTo("s3://b/p?accessKey=a&secretKey=***");
        assertThat(StorageUrls.redact("ftp://u:p%40ss@h/d")).isEqualTo("ftp://u:***@h/d");
        assertThat(StorageUrls.redact("azure://a/c?connectionString=x&SIG=y")).isEqualTo("azure://a/c?connectionString=***&SIG=***");
    }
}
