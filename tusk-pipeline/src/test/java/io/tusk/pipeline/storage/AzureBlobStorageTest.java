package io.tusk.pipeline.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tusk.TuskException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AzureBlobStorageTest extends StorageContract {
    @TempDir
    static Path work;
    private static AzuriteServer azurite;
    private static int run;
    private Storage storage;

    @BeforeAll
    static void startAzurite() throws Exception {
        azurite = AzuriteServer.start(Files.createDirectories(work.resolve("azurite")));
    }

    @AfterAll
    static void stopAzurite() throws Exception {
        if (azurite != null) {
            azurite.close();
        }
    }

    @Override
    Storage storage() {
        if (storage == null) {
            String container = "test" + (++run);
            azurite.createContainer(container);
            storage = StorageUrls.open(azurite.url(container, "backups") + "&blockSize=" + (1 << 20));
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
    void shouldStageBlocksAndCommitThemOnlyOnClose() throws IOException {
        Storage s = storage();
        byte[] content = randomBytes(3 * (1 << 20) + 12_345, 5);
        StorageUpload upload = s.create("db/large.dump");
        for (int off = 0; off < content.length; off += 100_000) {
            upload.write(content, off, Math.min(100_000, content.length - off));
        }
        assertThat(s.list("")).isEmpty();
        assertThat(s.stat("db/large.dump")).isEmpty();
        upload.close();
        assertThat(s.stat("db/large.dump")).get().extracting(StoredObject::size).isEqualTo((long) content.length);
        try (InputStream in = s.get("db/large.dump")) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void shouldTakeTheKeyFromTheEnvironmentAndKeepItOutOfTheLocation() throws IOException {
        azurite.createContainer("byenv");
        String url = "azure://" + AzuriteServer.ACCOUNT + "/byenv/x?endpoint=" + azurite.endpoint();
        try (Storage s = StorageUrls.open(url, Map.of(AzureUrls.KEY_ENV, AzuriteServer.ACCOUNT_KEY)::get, Retry.standard())) {
            s.put("k.json", new byte[] {7});
            assertThat(s.list("")).containsExactly("k.json");
            assertThat(s.location()).isEqualTo("azure://devstoreaccount1/byenv/x at " + azurite.endpoint());
        }
    }

    @Test
    void shouldWorkWithAContainerSasToken() throws IOException {
        azurite.createContainer("bysas");
        String sas = azurite.containerSas("bysas");
        String url = "azure://" + AzuriteServer.ACCOUNT + "/bysas/p?endpoint=" + azurite.endpoint() + "&sasToken="
                + java.net.URLEncoder.encode(sas, java.nio.charset.StandardCharsets.UTF_8);
        try (Storage s = StorageUrls.open(url, Map.<String, String>of()::get, Retry.standard())) {
            s.put("db/s.json", new byte[] {9});
            assertThat(s.list("db/")).containsExactly("db/s.json");
            assertThat(s.stat("db/s.json")).get().extracting(StoredObject::size).isEqualTo(1L);
            s.delete("db/s.json");
            assertThat(s.list("")).isEmpty();
        }
        assertThat(StorageUrls.redact(url)).doesNotContain(sas.substring(sas.indexOf("sig=") + 4, sas.indexOf("sig=") + 12));
    }

    @Test
    void shouldTakeAConnectionStringFromTheEnvironment() throws IOException {
        azurite.createContainer("byconnectionstring");
        String connectionString = "DefaultEndpointsProtocol=http;AccountName=" + AzuriteServer.ACCOUNT + ";AccountKey="
                + AzuriteServer.ACCOUNT_KEY + ";BlobEndpoint=" + azurite.endpoint() + ";";
        String url = "azure://" + AzuriteServer.ACCOUNT + "/byconnectionstring/";
        try (Storage s = StorageUrls.open(url, Map.of(AzureUrls.CONNECTION_STRING_ENV, connectionString)::get, Retry.standard())) {
            s.put("c.json", new byte[] {8});
            assertThat(s.list("")).containsExactly("c.json");
        }
    }

    @Test
    void shouldSayWhatToCheckWhenTheKeyIsWrongWithoutShowingIt() {
        azurite.createContainer("wrongkey");
        String wrongKey = "d3Jvbmcga2V5IHdyb25nIGtleSB3cm9uZyBrZXk=";
        String url = "azure://" + AzuriteServer.ACCOUNT + "/wrongkey/?endpoint=" + azurite.endpoint() + "&accountKey=" + wrongKey;
        try (Storage s = StorageUrls.open(url)) {
            assertThatThrownBy(() -> s.list("")).isInstanceOf(IOException.class)
                    .hasMessageContaining("access denied")
                    .hasMessageContaining("check accountKey or sasToken")
                    .hasMessageNotContaining(wrongKey);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shouldSayWhenTheContainerIsMissing() throws IOException {
        try (Storage s = StorageUrls.open(azurite.url("nosuchcontainer", ""))) {
            assertThatThrownBy(() -> s.put("x.json", new byte[] {1})).isInstanceOf(IOException.class)
                    .hasMessageContaining("the container does not exist; create it");
        }
    }

    @Test
    void shouldRefuseAUrlWithoutCredentials() {
        assertThatThrownBy(() -> StorageUrls.open("azure://acct/c/p", Map.<String, String>of()::get, Retry.standard()))
                .isInstanceOf(TuskException.class)
                .hasMessageStartingWith("Azure storage URL gives no credentials for account acct: add accountKey=");
    }

    @Test
    void shouldHideKeysAndTokensInMessages() {
        assertThat(StorageUrls.redact("azure://a/c/p?accountKey=abc%2B&endpoint=http://x&sasToken=sv=1&sig=zz"))
                .isEqualTo("azure://a/c/p?accountKey=***&endpoint=http://x&sasToken=***&sig=***");
    }
}
