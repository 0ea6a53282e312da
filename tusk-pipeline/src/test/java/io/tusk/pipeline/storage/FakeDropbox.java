package io.tusk.pipeline.storage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Dropbox API v2 as WireMock stubs: each stub matches a published endpoint (path, POST, the Authorization,
 * Content-Type and Dropbox-API-Arg headers its docs require) and this transformer answers from an in-memory Dropbox,
 * in the documented JSON shapes, so a storage can be used for real and its requests checked in WireMock's journal.
 * {@code list_folder} answers {@link #PAGE} entries at a time, so listings page with {@code has_more} and a cursor.
 */
public final class FakeDropbox implements ResponseDefinitionTransformerV2 {
    public static final String APP_KEY = "tusk-app";
    public static final String APP_SECRET = "app-s3cret";
    public static final String REFRESH_TOKEN = "refresh-s3cret";
    static final int PAGE = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Entry(String pathDisplay, byte[] content, Instant modified, String id) {
    }

    private final Map<String, Entry> files = new ConcurrentHashMap<>();
    private final Map<String, ByteArrayOutputStream> sessions = new ConcurrentHashMap<>();
    private final Map<String, List<ObjectNode>> cursors = new ConcurrentHashMap<>();
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger counter = new AtomicInteger();
    private WireMockServer server;

    /** Starts WireMock on a free loopback port with the Dropbox stubs. */
    public static FakeDropbox launch() {
        FakeDropbox fake = new FakeDropbox();
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

    /** A storage URL for {@code path} with every base URL on this server. */
    public String url(String path, String extra) {
        return "dropbox://" + path + "?appKey=" + APP_KEY + "&appSecret=" + APP_SECRET + "&refreshToken=" + REFRESH_TOKEN
                + "&apiBase=" + baseUrl() + "&contentBase=" + baseUrl() + "&tokenUrl=" + baseUrl() + "/oauth2/token" + extra;
    }

    /** Every access token handed out stops working, as when they expire. */
    public void expireAccessTokens() {
        validTokens.clear();
    }

    public void shutdown() {
        server.stop();
    }

    private void stubApi() {
        server.stubFor(post(urlPathEqualTo("/oauth2/token"))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("grant_type", equalTo("refresh_token"))
                .withFormParam("refresh_token", equalTo(REFRESH_TOKEN))
                .withFormParam("client_id", equalTo(APP_KEY))
                .withFormParam("client_secret", equalTo(APP_SECRET))
                .willReturn(transformed()));
        // any other refresh: the answer of RFC 6749 section 5.2 to a wrong or revoked token
        server.stubFor(post(urlPathEqualTo("/oauth2/token")).atPriority(10).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": \"invalid_grant\", \"error_description\": \"refresh token is malformed\"}")));
        for (String rpc : List.of("/2/files/list_folder", "/2/files/list_folder/continue", "/2/files/get_metadata", "/2/files/delete_v2")) {
            server.stubFor(post(urlPathEqualTo(rpc)).withHeader("Authorization", matching("Bearer .+"))
                    .withHeader("Content-Type", equalTo("application/json")).willReturn(transformed()));
        }
        for (String upload : List.of("/2/files/upload", "/2/files/upload_session/start", "/2/files/upload_session/append_v2",
                "/2/files/upload_session/finish")) {
            server.stubFor(post(urlPathEqualTo(upload)).withHeader("Authorization", matching("Bearer .+"))
                    .withHeader("Content-Type", equalTo("application/octet-stream"))
                    .withHeader("Dropbox-API-Arg", matching("\\{.*\\}")).willReturn(transformed()));
        }
        server.stubFor(post(urlPathEqualTo("/2/files/download")).withHeader("Authorization", matching("Bearer .+"))
                .withHeader("Dropbox-API-Arg", matching("\\{.*\"path\".*\\}")).willReturn(transformed()));
    }

    private static ResponseDefinitionBuilder transformed() {
        return aResponse().withTransformers("fake-dropbox");
    }

    @Override
    public String getName() {
        return "fake-dropbox";
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
            return aResponse().withStatus(400).withBody("bad request: " + e.getMessage()).build();
        }
    }

    private ResponseDefinition answer(Request request) throws IOException {
        String path = request.getUrl().replaceFirst("\\?.*", "");
        if (path.equals("/oauth2/token")) {
            String token = "access-" + counter.incrementAndGet();
            validTokens.add(token);
            return json(200, JSON.createObjectNode().put("access_token", token).put("token_type", "bearer").put("expires_in", 14400));
        }
        String auth = request.getHeader("Authorization");
        if (auth == null || !validTokens.contains(auth.substring("Bearer ".length()))) {
            ObjectNode error = JSON.createObjectNode().put("error_summary", "expired_access_token/");
            error.putObject("error").put(".tag", "expired_access_token");
            return json(401, error);
        }
        JsonNode arg = request.containsHeader("Dropbox-API-Arg") ? JSON.readTree(request.getHeader("Dropbox-API-Arg"))
                : JSON.readTree(request.getBody());
        byte[] body = request.getBody();
        switch (path) {
            case "/2/files/upload": {
                return json(200, commit(arg, body));
            }
            case "/2/files/upload_session/start": {
                String id = "session-" + counter.incrementAndGet();
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                bytes.write(body);
                sessions.put(id, bytes);
                return json(200, JSON.createObjectNode().put("session_id", id));
            }
            case "/2/files/upload_session/append_v2":
            case "/2/files/upload_session/finish": {
                ByteArrayOutputStream bytes = sessions.get(arg.path("cursor").path("session_id").asText());
                if (bytes == null) {
                    return error(409, "lookup_failed/not_found/", "lookup_failed");
                }
                long offset = arg.path("cursor").path("offset").asLong();
                if (offset != bytes.size()) {
                    ObjectNode error = JSON.createObjectNode().put("error_summary", "incorrect_offset/");
                    error.putObject("error").put(".tag", "incorrect_offset").put("correct_offset", bytes.size());
                    return json(409, error);
                }
                bytes.write(body);
                if (path.endsWith("append_v2")) {
                    return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("null").build();
                }
                sessions.remove(arg.path("cursor").path("session_id").asText());
                return json(200, commit(arg.path("commit"), bytes.toByteArray()));
            }
            case "/2/files/download": {
                Entry e = files.get(lower(arg.path("path").asText()));
                if (e == null) {
                    return error(409, "path/not_found/", "path");
                }
                return aResponse().withStatus(200).withHeader("Content-Type", "application/octet-stream")
                        .withHeader("Dropbox-API-Result", JSON.writeValueAsString(metadata(e))).withBody(e.content()).build();
            }
            case "/2/files/get_metadata": {
                Entry e = files.get(lower(arg.path("path").asText()));
                return e == null ? error(409, "path/not_found/", "path") : json(200, metadata(e));
            }
            case "/2/files/delete_v2": {
                Entry e = files.remove(lower(arg.path("path").asText()));
                if (e == null) {
                    return error(409, "path_lookup/not_found/", "path_lookup");
                }
                ObjectNode result = JSON.createObjectNode();
                result.set("metadata", metadata(e));
                return json(200, result);
            }
            case "/2/files/list_folder": {
                String folder = lower(arg.path("path").asText());
                List<ObjectNode> entries = new ArrayList<>();
                TreeMap<String, String> folders = new TreeMap<>();
                for (Map.Entry<String, Entry> f : new TreeMap<>(files).entrySet()) {
                    if (f.getKey().startsWith(folder + "/")) {
                        entries.add(metadata(f.getValue()));
                        String display = f.getValue().pathDisplay();
                        for (int i = display.indexOf('/', folder.length() + 1); i > 0; i = display.indexOf('/', i + 1)) {
                            folders.put(lower(display.substring(0, i)), display.substring(0, i));
                        }
                    }
                }
                if (entries.isEmpty() && !folder.isEmpty()) {
                    return error(409, "path/not_found/", "path");
                }
                for (String display : folders.values()) {
                    entries.add(JSON.createObjectNode().put(".tag", "folder").put("name", display.substring(display.lastIndexOf('/') + 1))
                            .put("path_lower", lower(display)).put("path_display", display).put("id", "id:folder-" + lower(display)));
                }
                return page(entries);
            }
            case "/2/files/list_folder/continue": {
                List<ObjectNode> rest = cursors.remove(arg.path("cursor").asText());
                return rest == null ? error(409, "reset/", "reset") : page(rest);
            }
            default:
                return error(400, "unknown endpoint " + path, "other");
        }
    }

    private ResponseDefinition page(List<ObjectNode> entries) {
        ObjectNode result = JSON.createObjectNode();
        result.putArray("entries").addAll(entries.subList(0, Math.min(PAGE, entries.size())));
        String cursor = "cursor-" + counter.incrementAndGet();
        boolean more = entries.size() > PAGE;
        if (more) {
            cursors.put(cursor, new ArrayList<>(entries.subList(PAGE, entries.size())));
        }
        result.put("cursor", cursor).put("has_more", more);
        return json(200, result);
    }

    private ObjectNode commit(JsonNode commitInfo, byte[] content) {
        String path = commitInfo.path("path").asText();
        Entry e = new Entry(path, content, Instant.now().truncatedTo(ChronoUnit.SECONDS), "id:" + counter.incrementAndGet());
        files.put(lower(path), e);
        return metadata(e);
    }

    private static ObjectNode metadata(Entry e) {
        String display = e.pathDisplay();
        return JSON.createObjectNode().put(".tag", "file").put("name", display.substring(display.lastIndexOf('/') + 1))
                .put("path_lower", lower(display)).put("path_display", display).put("id", e.id())
                .put("client_modified", e.modified().toString()).put("server_modified", e.modified().toString())
                .put("rev", "015" + Integer.toHexString(e.id().hashCode() & 0xfffffff)).put("size", e.content().length);
    }

    private static String lower(String path) {
        return path.toLowerCase(Locale.ROOT);
    }

    private static ResponseDefinition error(int status, String summary, String tag) {
        ObjectNode error = JSON.createObjectNode().put("error_summary", summary);
        ObjectNode inner = error.putObject("error").put(".tag", tag);
        if (summary.contains("not_found")) {
            inner.putObject(tag).put(".tag", "not_found");
        }
        return json(status, error);
    }

    private static ResponseDefinition json(int status, JsonNode body) {
        try {
            return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(JSON.writeValueAsBytes(body)).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
