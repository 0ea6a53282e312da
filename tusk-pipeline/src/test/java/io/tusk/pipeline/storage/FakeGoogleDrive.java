package io.tusk.pipeline.storage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Google Drive API v3 as WireMock stubs: each stub matches a published endpoint (method, path, the query parameters
 * and headers its docs require: Bearer token, {@code uploadType=resumable}, {@code X-Upload-Content-Type},
 * {@code Content-Range}) and this transformer answers from an in-memory Drive in the documented shapes: a resumable
 * session's Location, 308 with {@code Range} for a chunk, the file at the last one. {@code files.list} answers
 * {@link #PAGE} files a page, so listings page with {@code nextPageToken}. Non-final chunks must be multiples of 256 KiB.
 */
public final class FakeGoogleDrive implements ResponseDefinitionTransformerV2 {
    public static final String CLIENT_ID = "tusk.apps.googleusercontent.com";
    public static final String CLIENT_SECRET = "client-s3cret";
    public static final String REFRESH_TOKEN = "1//refresh-s3cret";
    public static final String FOLDER = "1FolderId_abc-XYZ";
    static final int PAGE = 2;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("name = '((?:\\\\.|[^'\\\\])*)'");
    private static final Pattern PARENT = Pattern.compile("'((?:\\\\.|[^'\\\\])*)' in parents");
    private static final Pattern RANGE = Pattern.compile("bytes (?:(\\d+)-(\\d+)|\\*)/(\\d+|\\*)");

    private record DriveFile(String id, String name, String parent, byte[] content, Instant modified, boolean folder) {
    }

    private record Session(String name, String parent, ByteArrayOutputStream received) {
    }

    private final Map<String, DriveFile> files = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger counter = new AtomicInteger();
    private WireMockServer server;

    public static FakeGoogleDrive launch() {
        FakeGoogleDrive fake = new FakeGoogleDrive();
        fake.server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort().extensions(fake));
        fake.server.start();
        fake.stubApi();
        return fake;
    }

    public WireMockServer server() {
        return server;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public String url(String extra) {
        return "gdrive://" + FOLDER + "?clientId=" + CLIENT_ID + "&clientSecret=" + CLIENT_SECRET + "&refreshToken="
                + OAuthHttpClient.encode(REFRESH_TOKEN) + "&apiBase=" + baseUrl() + "&tokenUrl=" + baseUrl() + "/token" + extra;
    }

    /** Makes a folder {@code name} in {@code parent}, as a user would in Drive; returns its id. */
    public String createFolder(String name, String parent) {
        DriveFile f = new DriveFile("folder-" + counter.incrementAndGet(), name, parent, new byte[0], Instant.now(), true);
        files.put(f.id(), f);
        return f.id();
    }

    public void expireAccessTokens() {
        validTokens.clear();
    }

    public void shutdown() {
        server.stop();
    }

    private void stubApi() {
        server.stubFor(post(urlPathEqualTo("/token"))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("grant_type", equalTo("refresh_token"))
                .withFormParam("refresh_token", equalTo(REFRESH_TOKEN))
                .withFormParam("client_id", equalTo(CLIENT_ID))
                .withFormParam("client_secret", equalTo(CLIENT_SECRET))
                .willReturn(transformed()));
        server.stubFor(post(urlPathEqualTo("/token")).atPriority(10).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": \"invalid_grant\", \"error_description\": \"Token has been expired or revoked.\"}")));
        server.stubFor(get(urlPathEqualTo("/drive/v3/files")).withHeader("Authorization", matching("Bearer .+"))
                .withQueryParam("q", matching(".+")).withQueryParam("fields", containing("nextPageToken")).willReturn(transformed()));
        server.stubFor(get(urlPathMatching("/drive/v3/files/[^/]+")).withHeader("Authorization", matching("Bearer .+"))
                .withQueryParam("alt", equalTo("media")).willReturn(transformed()));
        server.stubFor(delete(urlPathMatching("/drive/v3/files/[^/]+")).withHeader("Authorization", matching("Bearer .+"))
                .willReturn(transformed()));
        server.stubFor(post(urlPathEqualTo("/upload/drive/v3/files")).withHeader("Authorization", matching("Bearer .+"))
                .withQueryParam("uploadType", equalTo("resumable"))
                .withHeader("Content-Type", containing("application/json"))
                .withHeader("X-Upload-Content-Type", equalTo("application/octet-stream")).willReturn(transformed()));
        server.stubFor(put(urlPathEqualTo("/upload/drive/v3/files")).withHeader("Authorization", matching("Bearer .+"))
                .withQueryParam("uploadType", equalTo("resumable")).withQueryParam("upload_id", matching(".+"))
                .withHeader("Content-Range", matching(RANGE.pattern())).willReturn(transformed()));
    }

    private static ResponseDefinitionBuilder transformed() {
        return aResponse().withTransformers("fake-google-drive");
    }

    @Override
    public String getName() {
        return "fake-google-drive";
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        try {
            return answer(event.getRequest());
        } catch (IOException e) {
            return error(400, "bad request: " + e.getMessage());
        }
    }

    private ResponseDefinition answer(Request request) throws IOException {
        String path = request.getUrl().replaceFirst("\\?.*", "");
        if (path.equals("/token")) {
            String token = "ya29.access-" + counter.incrementAndGet();
            validTokens.add(token);
            return json(200, JSON.createObjectNode().put("access_token", token).put("expires_in", 3599)
                    .put("scope", "https://www.googleapis.com/auth/drive.file").put("token_type", "Bearer"));
        }
        String auth = request.getHeader("Authorization");
        if (auth == null || !validTokens.contains(auth.substring("Bearer ".length()))) {
            return error(401, "Request had invalid authentication credentials. Expected OAuth 2 access token.");
        }
        RequestMethod method = request.getMethod();
        if (path.equals("/drive/v3/files")) {
            return list(request.queryParameter("q").firstValue(), request.queryParameter("pageToken"));
        }
        if (path.startsWith("/drive/v3/files/")) {
            String id = path.substring("/drive/v3/files/".length());
            if (method.equals(RequestMethod.DELETE)) {
                return files.remove(id) == null ? error(404, "File not found: " + id + ".") : aResponse().withStatus(204).build();
            }
            DriveFile f = files.get(id);
            return f == null ? error(404, "File not found: " + id + ".")
                    : aResponse().withStatus(200).withHeader("Content-Type", "application/octet-stream").withBody(f.content()).build();
        }
        if (method.equals(RequestMethod.POST)) {
            JsonNode metadata = JSON.readTree(request.getBody());
            String uploadId = "upload-" + counter.incrementAndGet();
            sessions.put(uploadId, new Session(metadata.path("name").asText(), metadata.path("parents").path(0).asText(), new ByteArrayOutputStream()));
            return aResponse().withStatus(200)
                    .withHeader("Location", baseUrl() + "/upload/drive/v3/files?uploadType=resumable&upload_id=" + uploadId).build();
        }
        return chunk(request);
    }

    private ResponseDefinition chunk(Request request) {
        Session session = sessions.get(request.queryParameter("upload_id").firstValue());
        if (session == null) {
            return error(404, "upload session not found");
        }
        Matcher range = RANGE.matcher(request.getHeader("Content-Range"));
        range.matches();
        byte[] body = request.getBody();
        long have = session.received().size();
        if (range.group(1) != null) {
            long first = Long.parseLong(range.group(1));
            long last = Long.parseLong(range.group(2));
            if (first != have || last - first + 1 != body.length) {
                return error(400, "Invalid request. According to the Content-Range header, the upload offset is " + first
                        + " byte(s), which does not match the uploaded size of " + have + " byte(s).");
            }
            if (range.group(3).equals("*") && body.length % (256 * 1024) != 0) {
                return error(400, "Invalid request. The chunk size must be a multiple of 256 KiB.");
            }
            session.received().writeBytes(body);
        }
        if (range.group(3).equals("*")) {
            ResponseDefinitionBuilder incomplete = aResponse().withStatus(308);
            long size = session.received().size();
            return (size == 0 ? incomplete : incomplete.withHeader("Range", "bytes=0-" + (size - 1))).build();
        }
        if (Long.parseLong(range.group(3)) != session.received().size()) {
            return error(400, "Invalid request. The total size does not match the bytes uploaded.");
        }
        sessions.remove(request.queryParameter("upload_id").firstValue());
        DriveFile f = new DriveFile("file-" + counter.incrementAndGet(), session.name(), session.parent(), session.received().toByteArray(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), false);
        files.put(f.id(), f);
        return json(200, JSON.createObjectNode().put("kind", "drive#file").put("id", f.id()).put("name", f.name())
                .put("mimeType", "application/octet-stream"));
    }

    private ResponseDefinition list(String q, QueryParameter pageToken) {
        Matcher parent = PARENT.matcher(q);
        Matcher name = NAME.matcher(q);
        String parentId = parent.find() ? unescape(parent.group(1)) : null;
        String fileName = name.find() ? unescape(name.group(1)) : null;
        Boolean folders = q.contains("mimeType = 'application/vnd.google-apps.folder'") ? Boolean.TRUE
                : q.contains("mimeType != 'application/vnd.google-apps.folder'") ? Boolean.FALSE : null;
        List<DriveFile> matches = new ArrayList<>();
        for (DriveFile f : files.values()) {
            if ((parentId == null || parentId.equals(f.parent())) && (fileName == null || fileName.equals(f.name()))
                    && (folders == null || folders == f.folder())) {
                matches.add(f);
            }
        }
        matches.sort(Comparator.comparing(DriveFile::id));
        int from = pageToken.isPresent() ? Integer.parseInt(pageToken.firstValue().substring("page-".length())) : 0;
        ObjectNode result = JSON.createObjectNode();
        if (from + PAGE < matches.size()) {
            result.put("nextPageToken", "page-" + (from + PAGE));
        }
        for (DriveFile f : matches.subList(Math.min(from, matches.size()), Math.min(from + PAGE, matches.size()))) {
            result.withArray("files").addObject().put("id", f.id()).put("name", f.name())
                    .put("size", String.valueOf(f.content().length)).put("modifiedTime", f.modified().toString());
        }
        if (!result.has("files")) {
            result.putArray("files");
        }
        return json(200, result);
    }

    private static String unescape(String s) {
        return s.replace("\\'", "'").replace("\\\\", "\\");
    }

    private static ResponseDefinition error(int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error").put("code", status).put("message", message);
        error.putArray("errors").addObject().put("domain", "global").put("message", message);
        return json(status, body);
    }

    private static ResponseDefinition json(int status, JsonNode body) {
        try {
            return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=UTF-8")
                    .withBody(JSON.writeValueAsBytes(body)).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
