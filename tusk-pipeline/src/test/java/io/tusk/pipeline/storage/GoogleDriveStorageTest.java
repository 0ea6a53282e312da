package io.tusk.pipeline.storage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
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

class GoogleDriveStorageTest extends StorageContract {
    private static final int CHUNK = 262_144;
    private final List<Duration> waits = new ArrayList<>();
    private FakeGoogleDrive drive;
    private Storage storage;

    @BeforeEach
    void startDrive() {
        drive = FakeGoogleDrive.launch();
    }

    @AfterEach
    void stopDrive() throws IOException {
        if (storage != null) {
            storage.close();
        }
        drive.shutdown();
    }

    private Storage open(String url) {
        return StorageUrls.open(url, Map.<String, String>of()::get, new Retry(3, Duration.ofMillis(200), waits::add));
    }

    @Override
    Storage storage() {
        if (storage == null) {
            storage = open(drive.url("&chunkSize=" + CHUNK));
        }
        return storage;
    }

    @Test
    void shouldRefreshTheTokenOnceAndCreateAResumableSessionInTheFolder() throws IOException {
        storage().put("db/a.json", new byte[] {1, 2});
        List<LoggedRequest> refreshes = drive.server().findAll(postRequestedFor(urlPathEqualTo("/token")));
        assertThat(refreshes).singleElement().extracting(LoggedRequest::getBodyAsString).asString()
                .contains("grant_type=refresh_token").contains("client_id=" + FakeGoogleDrive.CLIENT_ID)
                .contains("client_secret=" + FakeGoogleDrive.CLIENT_SECRET);
        drive.server().verify(postRequestedFor(urlPathEqualTo("/upload/drive/v3/files")).withQueryParam("uploadType", equalTo("resumable"))
                .withHeader("Authorization", equalTo("Bearer ya29.access-1"))
                .withRequestBody(equalToJson("{\"name\": \"db/a.json\", \"parents\": [\"" + FakeGoogleDrive.FOLDER + "\"]}")));
        drive.server().verify(1, putRequestedFor(urlPathEqualTo("/upload/drive/v3/files")).withHeader("Content-Range", equalTo("bytes 0-1/2")));
    }

    @Test
    void shouldSendChunksWithOpenRangesAndTheTotalOnlyWithTheLastAtClose() throws IOException {
        byte[] content = randomBytes(2 * CHUNK + 1000, 8);
        StorageUpload upload = storage().create("db/big.dump");
        upload.write(content);
        assertThat(storage().list("")).isEmpty();
        List<LoggedRequest> beforeClose = drive.server().findAll(putRequestedFor(urlPathEqualTo("/upload/drive/v3/files")));
        assertThat(beforeClose).extracting(r -> r.getHeader("Content-Range"))
                .containsExactly("bytes 0-262143/*", "bytes 262144-524287/*");
        upload.close();
        List<LoggedRequest> chunks = drive.server().findAll(putRequestedFor(urlPathEqualTo("/upload/drive/v3/files")));
        assertThat(chunks).extracting(r -> r.getHeader("Content-Range"))
                .containsExactly("bytes 0-262143/*", "bytes 262144-524287/*", "bytes 524288-525287/525288");
        assertThat(chunks).extracting(r -> r.getBody().length).containsExactly(CHUNK, CHUNK, 1000);
        try (InputStream in = storage().get("db/big.dump")) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void shouldCloseAnUploadOfWholeChunksWithAnEmptyFinalRange() throws IOException {
        byte[] content = randomBytes(CHUNK, 9);
        try (StorageUpload upload = storage().create("db/exact.dump")) {
            upload.write(content);
        }
        assertThat(drive.server().findAll(putRequestedFor(urlPathEqualTo("/upload/drive/v3/files"))))
                .extracting(r -> r.getHeader("Content-Range")).containsExactly("bytes 0-262143/*", "bytes */262144");
        assertThat(storage().stat("db/exact.dump")).get().extracting(StoredObject::size).isEqualTo((long) CHUNK);
    }

    @Test
    void shouldResumeAChunkFromWhereDriveSaysAfterAResetConnection() throws IOException {
        byte[] content = randomBytes(2 * CHUNK + 10, 10);
        drive.server().stubFor(put(urlPathEqualTo("/upload/drive/v3/files")).atPriority(1)
                .withHeader("Content-Range", equalTo("bytes 262144-524287/*"))
                .inScenario("reset").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        try (StorageUpload upload = storage().create("db/resumed.dump")) {
            upload.write(content);
        }
        assertThat(drive.server().findAll(putRequestedFor(urlPathEqualTo("/upload/drive/v3/files"))))
                .extracting(r -> r.getHeader("Content-Range"))
                .containsExactly("bytes 0-262143/*", "bytes 262144-524287/*", "bytes */*", "bytes 262144-524287/*", "bytes 524288-524297/524298");
        assertThat(waits).containsExactly(Duration.ofMillis(200));
        try (InputStream in = storage().get("db/resumed.dump")) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void shouldPageThroughAListingWithNextPageToken() throws IOException {
        for (int i = 0; i < 5; i++) {
            storage().put("db/" + i + ".json", new byte[] {(byte) i});
        }
        drive.server().resetRequests();
        assertThat(storage().list("db/")).containsExactly("db/0.json", "db/1.json", "db/2.json", "db/3.json", "db/4.json");
        drive.server().verify(1, getRequestedFor(urlPathEqualTo("/drive/v3/files")).withoutQueryParam("pageToken"));
        drive.server().verify(getRequestedFor(urlPathEqualTo("/drive/v3/files")).withQueryParam("pageToken", equalTo("page-2")));
        drive.server().verify(getRequestedFor(urlPathEqualTo("/drive/v3/files")).withQueryParam("pageToken", equalTo("page-4")));
        drive.server().verify(3, getRequestedFor(urlPathEqualTo("/drive/v3/files"))
                .withQueryParam("q", equalTo("'" + FakeGoogleDrive.FOLDER + "' in parents and trashed = false"
                        + " and mimeType != 'application/vnd.google-apps.folder'")));
    }

    @Test
    void shouldRefreshAnExpiredTokenAndSendTheRequestOnceMore() throws IOException {
        storage().put("db/a.json", new byte[] {1});
        drive.expireAccessTokens();
        drive.server().resetRequests();
        assertThat(storage().stat("db/a.json")).isPresent();
        drive.server().verify(1, postRequestedFor(urlPathEqualTo("/token")));
        List<LoggedRequest> lookups = drive.server().findAll(getRequestedFor(urlPathEqualTo("/drive/v3/files")));
        assertThat(lookups).hasSize(2);
        assertThat(lookups.get(0).getHeader("Authorization")).isEqualTo("Bearer ya29.access-1");
        assertThat(lookups.get(1).getHeader("Authorization")).startsWith("Bearer ya29.access-").isNotEqualTo("Bearer ya29.access-1");
        assertThat(waits).isEmpty();
    }

    @Test
    void shouldRetryAServiceUnavailableAnswer() throws IOException {
        storage().put("db/a.json", new byte[] {1});
        drive.server().stubFor(get(urlPathEqualTo("/drive/v3/files")).atPriority(1)
                .inScenario("flaky").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"code\": 503, \"message\": \"The service is currently unavailable.\"}}")));
        assertThat(storage().list("")).containsExactly("db/a.json");
        assertThat(waits).containsExactly(Duration.ofMillis(200));
    }

    @Test
    void shouldReplaceAnExistingObjectOnCommit() throws IOException {
        storage().put("db/same.json", new byte[] {1});
        storage().put("db/same.json", new byte[] {2, 3});
        assertThat(storage().list("")).containsExactly("db/same.json");
        try (InputStream in = storage().get("db/same.json")) {
            assertThat(in.readAllBytes()).containsExactly(2, 3);
        }
    }

    @Test
    void shouldSayWhatToCheckWhenTheRefreshTokenIsRefusedWithoutShowingIt() {
        Storage s = open(drive.url("").replace(OAuthHttpClient.encode(FakeGoogleDrive.REFRESH_TOKEN), "revoked"));
        assertThatThrownBy(() -> s.list("")).isInstanceOf(TuskException.class)
                .hasMessage("Google Drive refused to refresh the access token (HTTP 400 invalid_grant: Token has been expired or revoked.):"
                        + " check clientId, clientSecret and refreshToken, or make a new refresh token")
                .hasMessageNotContaining("revoked&");
    }

    @Test
    void shouldFindTheFolderByItsPathOfNames() throws IOException {
        String backups = drive.createFolder("Backups", "root");
        String tusk = drive.createFolder("tusk's", backups);
        try (Storage s = open(drive.url("").replace("gdrive://" + FakeGoogleDrive.FOLDER, "gdrive://root/Backups/tusk%27s"))) {
            s.put("db/a.json", new byte[] {1});
            assertThat(s.list("")).containsExactly("db/a.json");
            assertThat(s.location()).isEqualTo("gdrive://root/Backups/tusk's");
        }
        drive.server().verify(postRequestedFor(urlPathEqualTo("/upload/drive/v3/files"))
                .withRequestBody(equalToJson("{\"name\": \"db/a.json\", \"parents\": [\"" + tusk + "\"]}")));
        drive.server().verify(getRequestedFor(urlPathEqualTo("/drive/v3/files")).withQueryParam("q", equalTo("name = 'tusk\\'s' and '"
                + backups + "' in parents and trashed = false and mimeType = 'application/vnd.google-apps.folder'")));
    }

    @Test
    void shouldSayWhichFolderOfThePathIsMissing() {
        Storage s = open(drive.url("").replace("gdrive://" + FakeGoogleDrive.FOLDER, "gdrive://root/Nowhere"));
        assertThatThrownBy(() -> s.list("")).isInstanceOf(TuskException.class)
                .hasMessage("Google Drive has no folder \"Nowhere\" in root on the way to gdrive://root/Nowhere: create it, or check the path in the URL");
    }

    @Test
    void shouldRefuseAChunkSizeDriveWouldRefuse() {
        assertThatThrownBy(() -> open(drive.url("&chunkSize=300000"))).isInstanceOf(TuskException.class)
                .hasMessage("Google Drive chunkSize 300000 is not a multiple of 256 KiB (262144), as Drive requires");
    }

    @Test
    void shouldHideSecretsInMessages() {
        assertThat(StorageUrls.redact("gdrive://F?clientId=c&clientSecret=s&refreshToken=t"))
                .isEqualTo("gdrive://F?clientId=c&clientSecret=***&refreshToken=***");
    }
}
