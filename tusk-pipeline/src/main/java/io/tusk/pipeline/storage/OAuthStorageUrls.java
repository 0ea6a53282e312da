package io.tusk.pipeline.storage;

import io.tusk.TuskException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code dropbox://PATH} and {@code gdrive://FOLDER_ID[/PATH]} (a folder id, or {@code root} for My Drive, then the
 * names of folders below it): the app's OAuth client ({@code appKey}/{@code appSecret},
 * {@code clientId}/{@code clientSecret}) and a refresh token, each from the query, a {@code ...File=PATH}, or the
 * environment ({@code TUSK_DROPBOX_APP_KEY}, {@code TUSK_DROPBOX_APP_SECRET}, {@code TUSK_DROPBOX_REFRESH_TOKEN};
 * {@code TUSK_GDRIVE_CLIENT_ID}, {@code TUSK_GDRIVE_CLIENT_SECRET}, {@code TUSK_GDRIVE_REFRESH_TOKEN}). The API's base
 * URLs can be moved ({@code apiBase}, {@code contentBase}, {@code tokenUrl}) for a proxy or a test server.
 */
final class OAuthStorageUrls {
    private static final Set<String> DROPBOX_PARAMETERS = Set.of("apiBase", "contentBase", "tokenUrl", "chunkSize");
    private static final Set<String> GDRIVE_PARAMETERS = Set.of("apiBase", "tokenUrl", "chunkSize");

    private OAuthStorageUrls() {
    }

    static Storage dropbox(URI uri, String url, Function<String, String> environment, Retry retry) {
        StorageUrl u = new StorageUrl(uri, "Dropbox", DROPBOX_PARAMETERS, Set.of("appKey", "appSecret", "refreshToken"), environment);
        String path = pathOf(url, "dropbox://").replaceAll("^/+|/+$", "");
        String root = path.isEmpty() ? "" : "/" + path;
        OAuthHttpClient http = new OAuthHttpClient("Dropbox", URI.create(u.param("tokenUrl", "https://api.dropboxapi.com/oauth2/token")),
                u.requiredSecret("appKey", "TUSK_DROPBOX_APP_KEY"), u.requiredSecret("appSecret", "TUSK_DROPBOX_APP_SECRET"),
                u.requiredSecret("refreshToken", "TUSK_DROPBOX_REFRESH_TOKEN"));
        int chunkSize = chunkSize(u, DropboxStorage.CHUNK_SIZE, 1, 150_000_000, "Dropbox takes 1 byte to 150 MB a call");
        return new DropboxStorage(http, base(u, "apiBase", "https://api.dropboxapi.com"), base(u, "contentBase", "https://content.dropboxapi.com"),
                root, "dropbox://" + path, retry, chunkSize);
    }

    static Storage googleDrive(URI uri, String url, Function<String, String> environment, Retry retry) {
        StorageUrl u = new StorageUrl(uri, "Google Drive", GDRIVE_PARAMETERS, Set.of("clientId", "clientSecret", "refreshToken"), environment);
        String folder = pathOf(url, "gdrive://").replaceAll("^/+|/+$", "");
        List<String> folderPath = List.of(folder.split("/+"));
        if (folder.isEmpty()) {
            throw new TuskException("Google Drive storage URL \"" + StorageUrls.redact(url) + "\" names no folder: expected"
                    + " gdrive://FOLDER_ID[/PATH] (the last part of the folder's address in Drive, or root for My Drive)");
        }
        OAuthHttpClient http = new OAuthHttpClient("Google Drive", URI.create(u.param("tokenUrl", "https://oauth2.googleapis.com/token")),
                u.requiredSecret("clientId", "TUSK_GDRIVE_CLIENT_ID"), u.requiredSecret("clientSecret", "TUSK_GDRIVE_CLIENT_SECRET"),
                u.requiredSecret("refreshToken", "TUSK_GDRIVE_REFRESH_TOKEN"));
        int chunkSize = chunkSize(u, GoogleDriveStorage.CHUNK_SIZE, GoogleDriveStorage.CHUNK_UNIT, 256 << 20,
                "Drive wants chunks in multiples of 256 KiB; Tusk holds one in memory, so at most 256 MiB");
        if (chunkSize % GoogleDriveStorage.CHUNK_UNIT != 0) {
            throw new TuskException("Google Drive chunkSize " + chunkSize + " is not a multiple of 256 KiB (262144), as Drive requires");
        }
        return new GoogleDriveStorage(http, base(u, "apiBase", "https://www.googleapis.com"), folderPath, "gdrive://" + folder, retry, chunkSize);
    }

    private static int chunkSize(StorageUrl u, int fallback, int min, int max, String why) {
        int size = u.intParam("chunkSize", fallback);
        if (size < min || size > max) {
            throw new TuskException("chunkSize " + size + " is out of range: " + why);
        }
        return size;
    }

    /** Everything between the scheme and the query, decoded: Drive ids and Dropbox paths are not host names. */
    private static String pathOf(String url, String scheme) {
        String rest = url.substring(scheme.length());
        int end = rest.length();
        for (char c : new char[] {'?', '#'}) {
            int i = rest.indexOf(c);
            if (i >= 0) {
                end = Math.min(end, i);
            }
        }
        return StorageUrl.percentDecode(rest.substring(0, end));
    }

    private static URI base(StorageUrl u, String name, String fallback) {
        String base = u.param(name, fallback);
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }
}
