package io.tusk.notify.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tusk.notify.NotifierException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One channel's HTTP calls over the JDK client: a timeout on every request, no redirects (a webhook that redirects
 * is misconfigured, and following it would send the message somewhere unasked), and failures turned into
 * {@link NotifierException}s that name the host only and have every secret of the channel masked out.
 */
final class HttpSender {
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One client for all channels: it holds a connection pool and a selector thread, both shareable. HTTP/1.1 only:
     * on http:// URLs the JDK's HTTP/2 default sends an h2c Upgrade that some self-hosted receivers mishandle, and
     * notifications are too small for HTTP/2 to matter.
     */
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** How much longer than the timeout the body may take after the headers came. */
    private static final Duration BODY_GRACE = Duration.ofSeconds(1);

    /** Enough of a service's error body to explain it, little enough for one log line. */
    private static final int MAX_ERROR_TEXT = 300;

    private final String channel;
    private final Duration timeout;
    private final List<String> secrets;

    HttpSender(String channel, Duration timeout, Collection<String> secrets) {
        this.channel = channel;
        this.timeout = timeout;
        this.secrets = secrets.stream().filter(secret -> secret != null && secret.length() >= 4).toList();
    }

    static HttpRequest.Builder jsonPost(URI uri, ObjectNode body) {
        return HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
    }

    static byte[] bytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /**
     * Sends it; any answer comes back, even 4xx and 5xx, only a transport failure throws. The request timeout of the
     * JDK client ends at the response headers, so the whole exchange is bounded here too: a server that sends
     * headers and then trickles its body must not hold the channel for ever.
     */
    HttpResponse<String> send(HttpRequest.Builder request, String host) throws NotifierException {
        CompletableFuture<HttpResponse<String>> exchange = CLIENT.sendAsync(
                request.timeout(timeout).header("User-Agent", "Tusk").build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            return exchange.get(timeout.toMillis() + BODY_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw timedOut(host);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw timedOut(host);
            }
            String why = cause instanceof IOException io ? describe(io)
                    : cause.getClass().getSimpleName() + ": " + redact(String.valueOf(cause.getMessage()));
            throw new NotifierException(channel + ": cannot reach " + host + ": " + why, true, null, null);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new NotifierException(channel + ": interrupted while sending to " + host, true, null, null);
        }
    }

    private NotifierException timedOut(String host) {
        return new NotifierException(channel + ": " + host + " did not answer within " + timeout.toSeconds() + " s",
                true, null, null);
    }

    /** Sends it and fails unless the status is 2xx. */
    HttpResponse<String> sendExpectingSuccess(HttpRequest.Builder request, String host) throws NotifierException {
        HttpResponse<String> response = send(request, host);
        if (response.statusCode() / 100 != 2) {
            throw failure(host, response, errorText(response.body()), retryAfter(response));
        }
        return response;
    }

    /**
     * The failure for a refused request: 408, 429 and 5xx may pass and are retried, other statuses (a bad token, a
     * deleted webhook) will not.
     */
    NotifierException failure(String host, HttpResponse<?> response, String serviceError, Duration retryAfter) {
        int status = response.statusCode();
        boolean retryable = status == 408 || status == 429 || status >= 500;
        String text = serviceError == null || serviceError.isBlank() ? "" : ": " + serviceError;
        if (status / 100 == 3) {
            // the Location is not shown: it may hold the same token as the configured URL
            text += "; redirects are not followed, configure the URL it redirects to";
        }
        return new NotifierException(redact(channel + ": " + host + " answered HTTP " + status + text), retryable,
                retryAfter, null);
    }

    /** A failure reported in a 200 answer's body, as Slack's and Telegram's APIs do. */
    NotifierException refused(String host, String serviceError, boolean retryable, Duration retryAfter) {
        return new NotifierException(redact(channel + ": " + host + " refused the message: " + serviceError),
                retryable, retryAfter, null);
    }

    String redact(String text) {
        String redacted = text;
        for (String secret : secrets) {
            redacted = redacted.replace(secret, "***");
        }
        return redacted;
    }

    /** An HTML error page's title: what a proxy in front of the service says ("502 Bad Gateway"). */
    private static final java.util.regex.Pattern HTML_TITLE =
            java.util.regex.Pattern.compile("(?is)<title>(.*?)</title>");

    /** The service's body as one short line; an HTML page as its title. */
    static String errorText(String body) {
        if (body == null) {
            return "";
        }
        java.util.regex.Matcher title = HTML_TITLE.matcher(body);
        String text = body.stripLeading().startsWith("<") && title.find() ? title.group(1) : body;
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= MAX_ERROR_TEXT ? line : line.substring(0, MAX_ERROR_TEXT) + "...";
    }

    static Optional<JsonNode> parse(String body) {
        try {
            return Optional.ofNullable(JSON.readTree(body));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Retry-After as seconds (RFC 9110 also allows a date; both are read), or null. */
    static Duration retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After");
        if (header.isEmpty()) {
            return null;
        }
        String value = header.get().strip();
        try {
            return Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (java.time.format.DateTimeParseException neither) {
                return null;
            }
        }
    }

    static Duration seconds(JsonNode number) {
        return number != null && number.isNumber() ? Duration.ofMillis((long) (number.asDouble() * 1000)) : null;
    }

    private String describe(IOException e) {
        String message = e.getMessage();
        String what = e.getClass().getSimpleName();
        return redact(message == null || message.isBlank() ? what : what + ": " + message);
    }
}
