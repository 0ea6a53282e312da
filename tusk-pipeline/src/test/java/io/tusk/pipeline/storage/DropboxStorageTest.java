package io.tusk.pipeline.storage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.tusk.TuskException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DropboxStorageTest extends StorageContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 262_144;
    private final List<Duration> waits = new ArrayList<>();
    private FakeDropbox dropbox;
    private Storage storage;

    @BeforeEach
    void startDropbox() {
        dropbox = FakeDropbox.launch();
    }

    @AfterEach
    void stopDropbox() throws IOException {
        if (storage != null) {
            storage.close();
        }
        dropbox.shutdown();
    }

    private Storage open(String url) {
        return StorageUrls.open(url, Map.<String, String>of()::get, new Retry(3, Duration.ofMillis(200), waits::add));
    }

    @Override
    Storage storage() {
        if (storage == null) {
            storage = open(dropbox.url("Backups/tusk", "&chunkSize=" + CHUNK));
        }
        return storage;
    }

    @Test
    void shouldRefreshTheTokenOnceAndSendItAsBearer() throws IOException {
        storage().put("db/a.json", new byte[] {1});
        assertThat(storage().list("")).containsExactly("db/a.json");
        List<LoggedRequest> refreshes = dropbox.server().findAll(postRequestedFor(urlPathEqualTo("/oauth2/token")));
        assertThat(refreshes).hasSize(1);
        assertThat(refreshes.get(0).getBodyAsString()).contains("grant_type=refresh_token").contains("refresh_token=" + FakeDropbox.REFRESH_TOKEN)
                .contains("client_id=" + FakeDropbox.APP_KEY).contains("client_secret=" + FakeDropbox.APP_SECRET);
        dropbox.server().verify(postRequestedFor(urlPathEqualTo("/2/files/upload")).withHeader("Authorization", equalTo("Bearer access-1"))
                .withHeader("Dropbox-API-Arg", equalToJson("{\"path\": \"/Backups/tusk/db/a.json\", \"mode\": \"overwrite\", \"autorename\": false, \"mute\": true}")));
        dropbox.server().verify(postRequestedFor(urlPathEqualTo("/2/files/list_folder")).withHeader("Authorization", equalTo("Bearer access-1"))
                .withRequestBody(equalToJson("{\"path\": \"/Backups/tusk\", \"recursive\": true, \"include_deleted\": false, \"limit\": 2000}")));
    }

    @Test
    void shouldUploadChunksAtTheirOffsetsAndFinishOnlyOnClose() throws IOException {
        byte[] content = randomBytes(2 * CHUNK + 175_856, 7);
        StorageUpload upload = storage().create("db/big.dump");
        upload.write(content);
        assertThat(storage().stat("db/big.dump")).isEmpty();
        dropbox.server().verify(0, postRequestedFor(urlPathEqualTo("/2/files/upload_session/finish")));
        upload.close();

        List<LoggedRequest> starts = dropbox.server().findAll(postRequestedFor(urlPathEqualTo("/2/files/upload_session/start")));
        assertThat(starts).singleElement().satisfies(r -> {
            assertThat(r.getBody()).hasSize(CHUNK);
            assertThat(JSON.readTree(r.getHeader("Dropbox-API-Arg")).path("close").asBoolean()).isFalse();
        });
        List<LoggedRequest> appends = dropbox.server().findAll(postRequestedFor(urlPathEqualTo("/2/files/upload_session/append_v2")));
        assertThat(appends).singleElement().satisfies(r -> {
            JsonNode arg = JSON.readTree(r.getHeader("Dropbox-API-Arg"));
            assertThat(arg.path("cursor").path("session_id").asText()).isEqualTo("session-2");
            assertThat(arg.path("cursor").path("offset").asLong()).isEqualTo(CHUNK);
            assertThat(r.getBody()).hasSize(CHUNK);
        });
        List<LoggedRequest> finishes = dropbox.server().findAll(postRequestedFor(urlPathEqualTo("/2/files/upload_session/finish")));
        assertThat(finishes).singleElement().satisfies(r -> {
            JsonNode arg = JSON.readTree(r.getHeader("Dropbox-API-Arg"));
            assertThat(arg.path("cursor").path("offset").asLong()).isEqualTo(2L * CHUNK);
            assertThat(arg.path("commit").path("path").asText()).isEqualTo("/Backups/tusk/db/big.dump");
            assertThat(arg.path("commit").path("mode").asText()).isEqualTo("overwrite");
            assertThat(r.getBody()).hasSize(175_856);
        });
        try (InputStream in = storage().get("db/big.dump")) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void shouldPageThroughAListingWithItsCursor() throws IOException {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            keys.add("db/" + i + ".json");
            storage().put("db/" + i + ".json", new byte[] {(byte) i});
        }
        assertThat(storage().list("db/")).containsExactlyElementsOf(keys);
        // 7 files and 1 folder, 3 a page: one list_folder and two list_folder/continue, each with the cursor before it
        dropbox.server().verify(1, postRequestedFor(urlPathEqualTo("/2/files/list_folder")));
        dropbox.server().verify(2, postRequestedFor(urlPathEqualTo("/2/files/list_folder/continue"))
                .withRequestBody(matchingJsonPath("$.cursor")));
    }

    @Test
    void shouldRefreshAnExpiredTokenAndSendTheRequestOnceMore() throws IOException {
        storage().put("db/a.json", new byte[] {1});
        dropbox.expireAccessTokens();
        assertThat(storage().stat("db/a.json")).isPresent();
        dropbox.server().verify(2, postRequestedFor(urlPathEqualTo("/oauth2/token")));
        dropbox.server().verify(1, postRequestedFor(urlPathEqualTo("/2/files/get_metadata")).withHeader("Authorization", equalTo("Bearer access-1")));
        dropbox.server().verify(1, postRequestedFor(urlPathEqualTo("/2/files/get_metadata")).withHeader("Authorization", equalTo("Bearer access-3")));
        assertThat(waits).isEmpty();
    }

    @Test
    void shouldRetryAServiceUnavailableAnswer() throws IOException {
        storage().put("db/a.json", new byte[] {1});
        dropbox.server().stubFor(post(urlPathEqualTo("/2/files/get_metadata")).atPriority(1)
                .inScenario("flaky").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(503).withBody("upstream unavailable")));
        assertThat(storage().stat("db/a.json")).get().extracting(StoredObject::size).isEqualTo(1L);
        dropbox.server().verify(2, postRequestedFor(urlPathEqualTo("/2/files/get_metadata")));
        assertThat(waits).containsExactly(Duration.ofMillis(200));
    }

    @Test
    void shouldGiveUpAfterThreeRetries() {
        dropbox.server().stubFor(post(urlPathEqualTo("/2/files/get_metadata")).atPriority(1)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json").withHeader("Retry-After", "2")
                        .withBody("{\"error_summary\": \"too_many_requests/\", \"error\": {\"reason\": {\".tag\": \"too_many_requests\"}}}")));
        assertThatThrownBy(() -> storage().stat("db/a.json")).isInstanceOf(IOException.class)
                .hasMessageStartingWith("Dropbox could not stat db/a.json: HTTP 429 too_many_requests/");
        dropbox.server().verify(4, postRequestedFor(urlPathEqualTo("/2/files/get_metadata")));
        // Retry-After: 2 is longer than each backoff wait (200, 400, 800 ms), so every wait is the server's 2 s
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @Test
    void shouldSayWhatToCheckWhenTheRefreshTokenIsRefusedWithoutShowingIt() {
        Storage s = open(dropbox.url("x", "").replace(FakeDropbox.REFRESH_TOKEN, "revoked-token"));
        assertThatThrownBy(() -> s.list("")).isInstanceOf(TuskException.class)
                .hasMessage("Dropbox refused to refresh the access token (HTTP 400 invalid_grant: refresh token is malformed):"
                        + " check clientId, clientSecret and refreshToken, or make a new refresh token")
                .hasMessageNotContaining("revoked-token");
    }

    @Test
    void shouldTakeCredentialsFromTheEnvironment() throws IOException {
        String url = "dropbox://env?apiBase=" + dropbox.baseUrl() + "&contentBase=" + dropbox.baseUrl() + "&tokenUrl=" + dropbox.baseUrl() + "/oauth2/token";
        Map<String, String> env = Map.of("TUSK_DROPBOX_APP_KEY", FakeDropbox.APP_KEY, "TUSK_DROPBOX_APP_SECRET", FakeDropbox.APP_SECRET,
                "TUSK_DROPBOX_REFRESH_TOKEN", FakeDropbox.REFRESH_TOKEN);
        try (Storage s = StorageUrls.open(url, env::get, Retry.standard())) {
            s.put("k.json", new byte[] {1});
            assertThat(s.list("")).containsExactly("k.json");
            assertThat(s.location()).isEqualTo("dropbox://env");
        }
    }

    @Test
    void shouldHideSecretsInMessages() {
        assertThat(StorageUrls.redact("dropbox://x?appKey=k&appSecret=s&refreshToken=t"))
                .isEqualTo("dropbox://x?appKey=k&appSecret=***&refreshToken=***");
    }
}
