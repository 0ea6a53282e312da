package io.tusk.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tusk.pipeline.storage.Storage;
import io.tusk.pipeline.storage.StorageUrls;
import io.tusk.server.api.ApiException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Form fields become the pipeline's storage URLs, secrets percent-encoded, and the pipeline accepts them. */
class StorageTypeTest {
    @Test
    void shouldBuildEachStoragesUrlFromItsFields() throws Exception {
        assertThat(StorageType.S3.url(Map.of("bucket", "b", "prefix", "p/q", "endpoint", "http://minio:9000", "pathStyle", "true"),
                Map.of("accessKey", "AK", "secretKey", "s/k+"))).isEqualTo("s3://b/p/q?endpoint=http%3A%2F%2Fminio%3A9000&pathStyle=true&accessKey=AK&secretKey=s%2Fk%2B");
        assertThat(StorageType.SFTP.url(Map.of("host", "h", "port", "2222", "user", "backup user", "path", "/srv/b"), Map.of("password", "p@ss:w/rd")))
                .isEqualTo("sftp://backup%20user:p%40ss%3Aw%2Frd@h:2222/srv/b");
        assertThat(StorageType.FTPS.url(Map.of("host", "ftp.example", "user", "u", "path", "backups", "implicit", "true"), Map.of("password", "pw")))
                .isEqualTo("ftps://u@ftp.example/backups?implicit=true&password=pw");
        assertThat(StorageType.AZURE.url(Map.of("account", "acct", "container", "c", "prefix", "tusk"), Map.of("accountKey", "a2V5")))
                .isEqualTo("azure://acct/c/tusk?accountKey=a2V5");
        assertThat(StorageType.GDRIVE.url(Map.of("folder", "root/Backups", "clientId", "cid"), Map.of("clientSecret", "cs", "refreshToken", "rt")))
                .isEqualTo("gdrive://root/Backups?clientId=cid&clientSecret=cs&refreshToken=rt");
        assertThat(StorageType.DROPBOX.url(Map.of("path", "/tusk", "appKey", "k"), Map.of("appSecret", "s", "refreshToken", "r")))
                .isEqualTo("dropbox://tusk?appKey=k&appSecret=s&refreshToken=r");
        // the pipeline takes them (FTP connects as it opens, so it is left to the pipeline's own tests)
        for (String url : new String[] {StorageType.AZURE.url(Map.of("account", "acct", "container", "c"), Map.of("accountKey", "a2V5")),
                StorageType.DROPBOX.url(Map.of("appKey", "k"), Map.of("appSecret", "s", "refreshToken", "r"))}) {
            try (Storage opened = StorageUrls.open(url)) {
                assertThat(opened.location()).doesNotContain("pw").doesNotContain("a2V5");
            }
        }
    }

    @Test
    void shouldNameTheFieldThatIsMissingOrUnknown() {
        assertThatThrownBy(() -> StorageType.AZURE.validate(Map.of("account", "a"), Map.of()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("settings.container"));
        assertThatThrownBy(() -> StorageType.FTP.validate(Map.of("host", "h", "user", "u", "path", "/"), Map.of("token", "t")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("unknown ftp secret \"token\"; known: password"));
    }
}
