package io.tusk.pipeline.storage;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Objects as files directly in one Google Drive folder (named by its id, or by a path of folder names below it) (API v3, over {@link OAuthHttpClient}), each named by its whole
 * key ({@code pagila/20250131T120000Z-1a2b.dump}): Drive names may hold '/', and a flat folder needs no lookups
 * of sub-folders, which Drive, allowing two folders of one name, would make racy.
 *
 * <p>An upload is a resumable upload session ({@code uploadType=resumable}); it holds one chunk in memory (8 MiB, a
 * multiple of the 256 KiB Drive requires) and sends each full chunk with {@code Content-Range: bytes A-B/*}, the total
 * still unknown; close sends the last chunk with the total, and only then does Drive create the file, so nothing is
 * visible before close. Files of the same name made earlier are then deleted (a replaced object). Drive has no call
 * to cancel a session: abort sends nothing, and the unfinished session, never visible, expires in a week.
 * Every call is retried on transient failures; a chunk after asking Drive how much it has ({@code bytes *}/{@code *}).
 */
final class GoogleDriveStorage implements Storage {
    static final int CHUNK_UNIT = 256 << 10;
    static final int CHUNK_SIZE = 32 * CHUNK_UNIT;
    private static final String FILE_FIELDS = "id,name,size,modifiedTime";
    private static final String FOLDER_TYPE = "application/vnd.google-apps.folder";

    private final OAuthHttpClient http;
    private final String api;
    /** The folder id the URL starts at, then the names of the folders below it, if any. */
    private final List<String> folderPath;
    private final String location;
    private String folder;
    private final Retry retry;
    private final int chunkSize;

    GoogleDriveStorage(OAuthHttpClient http, URI apiBase, List<String> folderPath, String location, Retry retry, int chunkSize) {
        this.http = http;
        this.api = apiBase.toString();
        this.folderPath = folderPath;
        this.location = location;
        this.retry = retry;
        this.chunkSize = chunkSize;
    }

    @Override
    public String name() {
        return "gdrive";
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public StorageUpload create(String key) {
        check(key);
        return new DriveUpload(key);
    }

    @Override
    public InputStream get(String key) throws IOException {
        return retry.call(() -> {
            List<JsonNode> files = find(key);
            if (files.isEmpty()) {
                throw new NoSuchFileException(location + "/" + key, null, "no such object");
            }
            String id = files.get(files.size() - 1).path("id").asText();
            HttpResponse<InputStream> r = http.send(token -> authorized(api + "/drive/v3/files/" + id + "?alt=media&supportsAllDrives=true", token).GET(),
                    HttpResponse.BodyHandlers.ofInputStream(), "download " + key);
            if (r.statusCode() == 200) {
                return r.body();
            }
            IOException failure = http.failure(r, "download " + key);
            OAuthHttpClient.discard(r);
            throw failure;
        });
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        return retry.call(() -> {
            List<String> keys = new ArrayList<>();
            for (JsonNode f : files("'" + escape(folder()) + "' in parents", false)) {
                if (f.path("name").asText().startsWith(prefix)) {
                    keys.add(f.path("name").asText());
                }
            }
            keys.sort(null);
            return keys.stream().distinct().toList();
        });
    }

    @Override
    public void delete(String key) throws IOException {
        retry.run(() -> {
            for (JsonNode f : find(key)) {
                deleteFile(f.path("id").asText(), key);
            }
        });
    }

    @Override
    public Optional<StoredObject> stat(String key) throws IOException {
        return retry.call(() -> {
            List<JsonNode> files = find(key);
            if (files.isEmpty()) {
                return Optional.<StoredObject>empty();
            }
            JsonNode f = files.get(files.size() - 1);
            return Optional.of(new StoredObject(key, f.path("size").asLong(), Instant.parse(f.path("modifiedTime").asText())));
        });
    }

    /** The files named {@code key} in the folder, oldest first (Drive allows several). */
    private List<JsonNode> find(String key) throws IOException {
        check(key);
        List<JsonNode> files = files("name = '" + escape(key) + "' and '" + escape(folder()) + "' in parents", false);
        files.sort(java.util.Comparator.comparing(f -> f.path("modifiedTime").asText()));
        return files;
    }

    /** Every page of files.list for {@code query}, leaving out trashed files, and folders unless {@code folders}. */
    private List<JsonNode> files(String query, boolean folders) throws IOException {
        String q = OAuthHttpClient.encode(query + " and trashed = false and mimeType " + (folders ? "=" : "!=") + " '" + FOLDER_TYPE + "'");
        List<JsonNode> files = new ArrayList<>();
        String pageToken = null;
        do {
            String url = api + "/drive/v3/files?q=" + q + "&fields=" + OAuthHttpClient.encode("nextPageToken,files(" + FILE_FIELDS + ")")
                    + "&pageSize=1000&spaces=drive&supportsAllDrives=true&includeItemsFromAllDrives=true"
                    + (pageToken == null ? "" : "&pageToken=" + OAuthHttpClient.encode(pageToken));
            HttpResponse<byte[]> r = http.send(token -> authorized(url, token).GET(), HttpResponse.BodyHandlers.ofByteArray(), "list " + location);
            if (r.statusCode() == 404) {
                throw new TuskException("Google Drive folder " + folderPath.get(0) + " does not exist or is not shared with the app:"
                        + " check the folder id in the URL (" + OAuthHttpClient.errorSummary(r) + ")");
            }
            if (r.statusCode() != 200) {
                throw http.failure(r, "list " + location);
            }
            JsonNode page = OAuthHttpClient.JSON.readTree(r.body());
            page.path("files").forEach(files::add);
            pageToken = page.hasNonNull("nextPageToken") ? page.get("nextPageToken").asText() : null;
        } while (pageToken != null);
        return files;
    }

    /** The id of the folder the objects are in: the URL's folder id, or the folder its path of names leads to. */
    private String folder() throws IOException {
        if (folder == null) {
            String id = folderPath.get(0);
            for (String name : folderPath.subList(1, folderPath.size())) {
                List<JsonNode> children = files("name = '" + escape(name) + "' and '" + escape(id) + "' in parents", true);
                if (children.isEmpty()) {
                    throw new TuskException("Google Drive has no folder \"" + name + "\" in " + id + " on the way to " + location
                            + ": create it, or check the path in the URL");
                }
                id = children.get(0).path("id").asText();
            }
            folder = id;
        }
        return folder;
    }

    private void deleteFile(String id, String key) throws IOException {
        HttpResponse<byte[]> r = http.send(token -> authorized(api + "/drive/v3/files/" + id + "?supportsAllDrives=true", token).DELETE(),
                HttpResponse.BodyHandlers.ofByteArray(), "delete " + key);
        if (r.statusCode() != 204 && r.statusCode() != 200 && r.statusCode() != 404) {
            throw http.failure(r, "delete " + key);
        }
    }

    private static HttpRequest.Builder authorized(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
    }

    /** Drive's query language quotes with ' and escapes ' and \ with a backslash. */
    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("'", "\\'");
    }

    private void check(String key) {
        boolean valid = !key.isEmpty();
        for (String segment : key.split("/", -1)) {
            valid &= !segment.isEmpty() && !segment.equals(".") && !segment.equals("..");
        }
        if (!valid) {
            throw new TuskException("invalid object key \"" + key + "\" for storage " + location);
        }
    }

    private final class DriveUpload extends StorageUpload {
        private final String key;
        private final byte[] chunk = new byte[chunkSize];
        private int filled;
        private long written;
        /** Bytes Drive has confirmed. */
        private long offset;
        private String session;
        private String fileId;
        private boolean finished;

        DriveUpload(String key) {
            this.key = key;
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
                    sendChunk(false);
                }
            }
        }

        @Override
        public long written() {
            return written;
        }

        private void startSession() throws IOException {
            ObjectNode metadata = OAuthHttpClient.JSON.createObjectNode().put("name", key);
            metadata.putArray("parents").add(folder());
            byte[] body = OAuthHttpClient.JSON.writeValueAsBytes(metadata);
            session = retry.call(() -> {
                HttpResponse<byte[]> r = http.send(token -> authorized(api + "/upload/drive/v3/files?uploadType=resumable&supportsAllDrives=true", token)
                                .header("Content-Type", "application/json; charset=UTF-8")
                                .header("X-Upload-Content-Type", "application/octet-stream")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
                        HttpResponse.BodyHandlers.ofByteArray(), "upload " + key);
                if (r.statusCode() != 200 || r.headers().firstValue("Location").isEmpty()) {
                    throw http.failure(r, "start uploading " + key);
                }
                return r.headers().firstValue("Location").get();
            });
        }

        /** Sends the chunk: after a failed try, from where Drive says it has the bytes up to. */
        private void sendChunk(boolean last) throws IOException {
            try {
                if (session == null) {
                    startSession();
                }
                long chunkStart = offset;
                boolean[] resend = {false};
                retry.run(() -> {
                    long from = resend[0] ? confirmed() : chunkStart;
                    resend[0] = true;
                    if (fileId != null) {
                        return;
                    }
                    if (from < chunkStart || from > chunkStart + filled) {
                        throw new IOException("Google Drive confirms " + from + " bytes of " + key + ", outside the chunk from " + chunkStart);
                    }
                    send(chunkStart, from, last);
                });
                offset = chunkStart + filled;
                filled = 0;
            } catch (IOException | RuntimeException e) {
                finished = true;
                throw e;
            }
        }

        private void send(long chunkStart, long from, boolean last) throws IOException {
            long end = chunkStart + filled;
            String total = last ? String.valueOf(end) : "*";
            String range = from == end ? "bytes */" + total : "bytes " + from + "-" + (end - 1) + "/" + total;
            int skip = (int) (from - chunkStart);
            HttpResponse<byte[]> r = http.send(token -> authorized(session, token).header("Content-Range", range)
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(chunk, skip, filled - skip)),
                    HttpResponse.BodyHandlers.ofByteArray(), "upload " + key);
            if (last && (r.statusCode() == 200 || r.statusCode() == 201)) {
                fileId = OAuthHttpClient.JSON.readTree(r.body()).path("id").asText();
                return;
            }
            if (!last && r.statusCode() == 308 && rangeEnd(r) == end) {
                return;
            }
            if (r.statusCode() == 308) {
                throw new TransientStorageException("Google Drive kept " + rangeEnd(r) + " bytes of " + key + " of " + end + " sent");
            }
            if (r.statusCode() == 404 || r.statusCode() == 410) {
                throw new IOException("Google Drive's upload session for " + key + " has expired (HTTP " + r.statusCode() + "): run the backup again");
            }
            throw http.failure(r, "upload " + key);
        }

        /** Asks the session how many bytes Drive has ({@code Content-Range: bytes *}/{@code *}); notes the file if it is complete. */
        private long confirmed() throws IOException {
            HttpResponse<byte[]> r = http.send(token -> authorized(session, token).header("Content-Range", "bytes */*")
                    .PUT(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofByteArray(), "resume uploading " + key);
            if (r.statusCode() == 308) {
                return rangeEnd(r);
            }
            if (r.statusCode() == 200 || r.statusCode() == 201) {
                fileId = OAuthHttpClient.JSON.readTree(r.body()).path("id").asText();
                return offset + filled;
            }
            throw http.failure(r, "resume uploading " + key);
        }

        /** One past the last byte of a 308's {@code Range: bytes=0-N}; 0 when it has none. */
        private long rangeEnd(HttpResponse<?> r) {
            return r.headers().firstValue("Range").map(v -> Long.parseLong(v.substring(v.indexOf('-') + 1)) + 1).orElse(0L);
        }

        @Override
        public void close() throws IOException {
            if (finished) {
                return;
            }
            sendChunk(true);
            finished = true;
            try {
                retry.run(() -> {
                    for (JsonNode older : find(key)) {
                        if (!older.path("id").asText().equals(fileId)) {
                            deleteFile(older.path("id").asText(), key);
                        }
                    }
                });
            } catch (IOException | RuntimeException e) {
                // the new file is committed, and reads take the newest of a name; a later put or delete removes the rest
            }
        }

        @Override
        public void abort() {
            // Drive has no call to cancel a resumable session; unfinished, it makes no file and expires in a week
            finished = true;
        }
    }
}
