package io.tusk.pipeline.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tusk.TuskException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

/**
 * The JDK's {@link HttpClient} with an OAuth 2 access token got from a refresh token (RFC 6749 section 6: POST to
 * the token endpoint with {@code grant_type=refresh_token}), for the Google Drive and Dropbox storages. The token is
 * fetched on first use and again once when a request is answered 401 (expired or revoked), and that request is
 * sent once more. Network failures, 429 and 5xx answers become {@link TransientStorageException}s for {@link Retry}.
 *
 * <p>Not the vendors' SDKs: google-api-services-drive with its google-http-client and auth libraries, or the
 * Dropbox SDK, weigh several megabytes for the six calls a storage makes.
 */
final class OAuthHttpClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final HttpClient http;
    private final String service;
    private final URI tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final String refreshToken;
    private String accessToken;

    /** @param service the name in messages: "Google Drive", "Dropbox" */
    OAuthHttpClient(String service, URI tokenUrl, String clientId, String clientSecret, String refreshToken) {
        // never follow redirects: Drive answers a chunk with 308 "Resume Incomplete", which is no redirect
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).followRedirects(HttpClient.Redirect.NEVER).build();
        this.service = service;
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.refreshToken = refreshToken;
    }

    String service() {
        return service;
    }

    /**
     * Sends the request {@code request} builds around the access token, refreshing the token and sending again
     * once on 401. Returns any other answer as it is, the body as {@code bodyHandler} reads it.
     */
    <T> HttpResponse<T> send(Function<String, HttpRequest.Builder> request, HttpResponse.BodyHandler<T> bodyHandler, String what)
            throws IOException {
        boolean refreshed = false;
        if (accessToken == null) {
            accessToken = refresh();
            refreshed = true;
        }
        HttpResponse<T> response = exchange(request.apply(accessToken), bodyHandler, what);
        if (response.statusCode() == 401 && !refreshed) {
            discard(response);
            accessToken = refresh();
            response = exchange(request.apply(accessToken), bodyHandler, what);
        }
        if (response.statusCode() == 401) {
            discard(response);
            throw new TuskException(service + " refused a freshly refreshed access token (401) to " + what
                    + ": check that the app still has access to the folder, or make a new refresh token");
        }
        return response;
    }

    /** Throws for an answer that is not 2xx (or {@code also}): transient for 429 and 5xx, with the service's error summary. */
    IOException failure(HttpResponse<?> response, String what) {
        return failure(response, errorSummary(response), what);
    }

    /** As {@link #failure(HttpResponse, String)}, for an answer whose error summary was read already. */
    IOException failure(HttpResponse<?> response, String detail, String what) {
        int status = response.statusCode();
        String message = service + " could not " + what + ": HTTP " + status + (detail.isEmpty() ? "" : " " + detail);
        if (status == 429 || status >= 500) {
            return new TransientStorageException(message, retryAfter(response));
        }
        if (status == 403) {
            return new IOException(message + "; check that the app has access to the folder and its scopes allow writing");
        }
        return new IOException(message);
    }

    /** Retry-After in seconds (Dropbox and Google send it with 429 and 503), or null. */
    private static Duration retryAfter(HttpResponse<?> response) {
        try {
            return response.headers().firstValue("Retry-After").map(v -> Duration.ofSeconds(Long.parseLong(v.strip()))).orElse(null);
        } catch (NumberFormatException e) {
            // an HTTP date instead of seconds: the usual backoff will do
            return null;
        }
    }

    /** The service's own words from an error body: Drive's error.message, Dropbox's error_summary. */
    static String errorSummary(HttpResponse<?> response) {
        Object body = response.body();
        byte[] bytes;
        try {
            bytes = body instanceof byte[] b ? b : body instanceof InputStream in ? in.readNBytes(8192) : null;
        } catch (IOException e) {
            return "";
        }
        if (bytes == null || bytes.length == 0) {
            return "";
        }
        try {
            JsonNode tree = JSON.readTree(bytes);
            if (tree.hasNonNull("error_summary")) {
                return tree.get("error_summary").asText();
            }
            JsonNode error = tree.path("error");
            if (error.isObject() && error.hasNonNull("message")) {
                return error.get("message").asText();
            }
            return error.isTextual() ? error.asText() + (tree.hasNonNull("error_description") ? ": " + tree.get("error_description").asText() : "") : "";
        } catch (IOException e) {
            String text = new String(bytes, StandardCharsets.UTF_8).strip();
            return text.length() > 200 ? text.substring(0, 200) + "..." : text;
        }
    }

    private String refresh() throws IOException {
        String form = "grant_type=refresh_token&refresh_token=" + encode(refreshToken) + "&client_id=" + encode(clientId)
                + "&client_secret=" + encode(clientSecret);
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenUrl)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        HttpResponse<byte[]> response = exchange(request, HttpResponse.BodyHandlers.ofByteArray(), "refresh the access token");
        if (response.statusCode() == 400 || response.statusCode() == 401) {
            throw new TuskException(service + " refused to refresh the access token (HTTP " + response.statusCode() + " "
                    + errorSummary(response) + "): check clientId, clientSecret and refreshToken, or make a new refresh token");
        }
        if (response.statusCode() / 100 != 2) {
            throw failure(response, "refresh the access token");
        }
        JsonNode token = JSON.readTree(response.body());
        if (!token.hasNonNull("access_token")) {
            throw new IOException(service + " token endpoint " + tokenUrl + " answered without an access_token");
        }
        return token.get("access_token").asText();
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> bodyHandler, String what) throws IOException {
        try {
            return http.send(request.timeout(REQUEST_TIMEOUT).build(), bodyHandler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for " + service);
        } catch (IOException e) {
            // the request never got an answer: the network or the server failed, so it is worth sending again
            throw new TransientStorageException(service + " could not " + what + ": " + e, e);
        }
    }

    static void discard(HttpResponse<?> response) {
        if (response.body() instanceof InputStream in) {
            try {
                in.close();
            } catch (IOException ignored) {
                // nothing to read from it anyway
            }
        }
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
