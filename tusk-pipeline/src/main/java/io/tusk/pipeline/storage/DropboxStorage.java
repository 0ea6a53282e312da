package io.tusk.pipeline.storage;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tusk.TuskException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Objects as files under a folder of a Dropbox (API v2, over {@link OAuthHttpClient}), path {@code FOLDER/KEY}.
 *
 * <p>An upload holds one chunk in memory (8 MiB; Dropbox takes up to 150 MB a call). The first full chunk starts an
 * upload session ({@code upload_session/start}), later ones are appended ({@code upload_session/append_v2} at their
 * offset), and close sends the last chunk with {@code upload_session/finish}, which commits the file in one step
 * (mode overwrite), so nothing is visible before close. An object smaller than a chunk is one
 * {@code files/upload} at close. Dropbox has no call to cancel a session: abort sends nothing, and an unfinished
 * session, never visible, expires by itself. Every call is retried on transient failures; an append whose answer
 * was lost is resent, and Dropbox's {@code incorrect_offset} error tells where to go on from.
 */
final class DropboxStorage implements Storage {
    static final int CHUNK_SIZE = 8 << 20;
    /** Dropbox-API-Arg is an HTTP header, so its JSON must be ASCII: other characters as \\u escapes, as Dropbox asks. */
    private static final ObjectMapper HEADER_JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private final OAuthHttpClient http;
    private final URI apiBase;
    private final URI contentBase;
    private final String root;
    private final String location;
    private final Retry retry;
    private final int chunkSize;

    /** @param root "" for the app's folder or the account's root, else "/A/B" */
    DropboxStorage(OAuthHttpClient http, URI apiBase, URI contentBase, String root, String location, Retry retry, int chunkSize) {
        this.http = http;
        this.apiBase = apiBase;
        this.contentBase = contentBase;
        this.root = root;
        this.location = location;
        this.retry = retry;
        this.chunkSize = chunkSize;
    }

    @Override
    public String name() {
        return "dropbox";
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public StorageUpload create(String key) {
        return new DropboxUpload(key, path(key));
    }

    @Override
    public InputStream get(String key) throws IOException {
        ObjectNode arg = OAuthHttpClient.JSON.createObjectNode().put("path", path(key));
        return retry.call(() -> {
            HttpResponse<InputStream> r = http.send(token -> content("/2/files/download", token, arg).POST(HttpRequest.BodyPublishers.noBody()),
                    HttpResponse.BodyHandlers.ofInputStream(), "download " + key);
            if (r.statusCode() == 200) {
                return r.body();
            }
            String summary = OAuthHttpClient.errorSummary(r);
            OAuthHttpClient.discard(r);
            if (r.statusCode() == 409 && summary.contains("not_found")) {
                throw new NoSuchFileException(location + "/" + key, null, "no such object");
            }
            throw http.failure(r, summary, "download " + key);
        });
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        return retry.call(() -> {
            List<String> keys = new ArrayList<>();
            ObjectNode request = OAuthHttpClient.JSON.createObjectNode().put("path", root).put("recursive", true)
                    .put("include_deleted", false).put("limit", 2000);
            JsonNode page = rpc("/2/files/list_folder", request, "list " + location, true);
            while (page != null) {
                for (JsonNode entry : page.path("entries")) {
                    if ("file".equals(entry.path(".tag").asText())) {
                        String key = entry.path("path_display").asText().substring(root.length() + 1);
                        if (key.startsWith(prefix)) {
                            keys.add(key);
                        }
                    }
                }
                if (!page.path("has_more").asBoolean()) {
                    break;
                }
                page = rpc("/2/files/list_folder/continue",
                        OAuthHttpClient.JSON.createObjectNode().put("cursor", page.path("cursor").asText()), "list " + location, false);
            }
            keys.sort(null);
            return keys;
        });
    }

    @Override
    public void delete(String key) throws IOException {
        retry.run(() -> rpc("/2/files/delete_v2", OAuthHttpClient.JSON.createObjectNode().put("path", path(key)), "delete " + key, true));
    }

    @Override
    public Optional<StoredObject> stat(String key) throws IOException {
        return retry.call(() -> {
            JsonNode m = rpc("/2/files/get_metadata", OAuthHttpClient.JSON.createObjectNode().put("path", path(key)), "stat " + key, true);
            if (m == null || !"file".equals(m.path(".tag").asText())) {
                return Optional.<StoredObject>empty();
            }
            return Optional.of(new StoredObject(key, m.path("size").asLong(), Instant.parse(m.path("server_modified").asText())));
        });
    }

    /** An RPC endpoint: JSON in, JSON out; a 409 "not_found" answers null when {@code notFoundIsNull}. */
    private JsonNode rpc(String endpoint, ObjectNode argument, String what, boolean notFoundIsNull) throws IOException {
        byte[] body = OAuthHttpClient.JSON.writeValueAsBytes(argument);
        HttpResponse<byte[]> r = http.send(token -> HttpRequest.newBuilder(URI.create(apiBase + endpoint))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
                HttpResponse.BodyHandlers.ofByteArray(), what);
        if (r.statusCode() == 200) {
            return OAuthHttpClient.JSON.readTree(r.body());
        }
        if (r.statusCode() == 409 && notFoundIsNull && OAuthHttpClient.errorSummary(r).contains("not_found")) {
            return null;
        }
        throw http.failure(r, what);
    }

    /** A content endpoint: the argument in the Dropbox-API-Arg header, the bytes in the body. */
    private HttpRequest.Builder content(String endpoint, String token, ObjectNode argument) {
        try {
            return HttpRequest.newBuilder(URI.create(contentBase + endpoint)).header("Authorization", "Bearer " + token)
                    .header("Dropbox-API-Arg", HEADER_JSON.writeValueAsString(argument));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<byte[]> upload(String endpoint, ObjectNode argument, byte[] bytes, int length, String what) throws IOException {
        return http.send(token -> content(endpoint, token, argument).header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes, 0, length)),
                HttpResponse.BodyHandlers.ofByteArray(), what);
    }

    private String path(String key) {
        String[] segments = key.split("/", -1);
        boolean valid = !key.isEmpty();
        for (String segment : segments) {
            valid &= !segment.isEmpty() && !segment.equals(".") && !segment.equals("..");
        }
        if (!valid) {
            throw new TuskException("invalid object key \"" + key + "\" for storage " + location);
        }
        return root + "/" + key;
    }

    private static ObjectNode commitInfo(String path) {
        return OAuthHttpClient.JSON.createObjectNode().put("path", path).put("mode", "overwrite").put("autorename", false).put("mute", true);
    }

    private final class DropboxUpload extends StorageUpload {
        private final String key;
        private final String path;
        private final byte[] chunk = new byte[chunkSize];
        private int filled;
        private long written;
        /** Bytes the session holds. */
        private long offset;
        private String sessionId;
        private boolean finished;

        DropboxUpload(String key, String path) {
            this.key = key;
            this.path = path;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (finished) {
                throw new IOException("upload of " + key + " is already finished");
            }
            while (len > 0) {
                int n = Math.min(len, chunk.length - filled);
                System.arraycopy(b, off, chunk, filled, n);
                filled += n;
                off += n;
                len -= n;
                written += n;
                if (filled == chunk.length) {
                    sendChunk();
                }
            }
        }

        @Override
        public long written() {
            return written;
        }

        private void sendChunk() throws IOException {
            try {
                if (sessionId == null) {
                    ObjectNode arg = OAuthHttpClient.JSON.createObjectNode().put("close", false);
                    JsonNode started = retry.call(() -> json(upload("/2/files/upload_session/start", arg, chunk, filled, "upload " + key)));
                    sessionId = started.path("session_id").asText();
                } else {
                    long at = offset;
                    retry.run(() -> append(at));
                }
                offset += filled;
                filled = 0;
            } catch (IOException | RuntimeException e) {
                finished = true;
                throw e;
            }
        }

        /** Appends the chunk at {@code at}; when a lost answer hid that Dropbox has it already, goes on from where it is. */
        private void append(long at) throws IOException {
            ObjectNode arg = OAuthHttpClient.JSON.createObjectNode().put("close", false);
            arg.putObject("cursor").put("session_id", sessionId).put("offset", at);
            HttpResponse<byte[]> r = upload("/2/files/upload_session/append_v2", arg, chunk, filled, "upload " + key);
            if (r.statusCode() == 409 && OAuthHttpClient.errorSummary(r).startsWith("incorrect_offset")
                    && OAuthHttpClient.JSON.readTree(r.body()).path("error").path("correct_offset").asLong() == at + filled) {
                return;
            }
            json(r);
        }

        private JsonNode json(HttpResponse<byte[]> r) throws IOException {
            if (r.statusCode() != 200) {
                throw http.failure(r, "upload " + key);
            }
            return OAuthHttpClient.JSON.readTree(r.body());
        }

        @Override
        public void close() throws IOException {
            if (finished) {
                return;
            }
            finished = true;
            if (sessionId == null) {
                retry.call(() -> json(upload("/2/files/upload", commitInfo(path), chunk, filled, "upload " + key)));
                return;
            }
            ObjectNode arg = OAuthHttpClient.JSON.createObjectNode();
            arg.putObject("cursor").put("session_id", sessionId).put("offset", offset);
            arg.set("commit", commitInfo(path));
            retry.call(() -> json(upload("/2/files/upload_session/finish", arg, chunk, filled, "upload " + key)));
        }

        @Override
        public void abort() {
            // Dropbox has no call to cancel a session; unfinished, it is invisible and expires
            finished = true;
        }
    }
}
