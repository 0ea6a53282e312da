package io.tusk.notify.channel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tusk.notify.Message;
import io.tusk.notify.Notifier;
import io.tusk.notify.NotifierException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Any HTTP endpoint: the event as a JSON body (schema in docs/notifications.md), POST or PUT, custom headers, and with
 * a secret an {@code X-Tusk-Signature: sha256=<hex>} header, the HMAC-SHA256 of the exact body bytes. The body holds
 * {@code sentAt}, equal to the {@code X-Tusk-Timestamp} header, so the signature covers the time too and a receiver
 * can refuse old (replayed) deliveries.
 */
final class WebhookNotifier implements Notifier {
    static final String SIGNATURE_HEADER = "X-Tusk-Signature";
    static final String TIMESTAMP_HEADER = "X-Tusk-Timestamp";

    private final URI url;
    private final String method;
    private final Map<String, String> headers;
    private final byte[] secret;
    private final Clock clock;
    private final HttpSender http;

    WebhookNotifier(URI url, String method, Map<String, String> headers, String secret, Clock clock, HttpSender http) {
        this.url = url;
        this.method = method;
        this.headers = Map.copyOf(headers);
        this.secret = secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.http = http;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public String destination() {
        return method + " " + url.getScheme() + "://" + url.getHost();
    }

    @Override
    public void send(Message message) throws NotifierException {
        long sentAt = clock.instant().getEpochSecond();
        byte[] body = HttpSender.bytes(body(message, sentAt));
        HttpRequest.Builder request = request(url, method, headers)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("X-Tusk-Event", message.event().type().key())
                .header("X-Tusk-Delivery", message.id())
                .header(TIMESTAMP_HEADER, Long.toString(sentAt));
        if (secret != null) {
            request.header(SIGNATURE_HEADER, "sha256=" + sign(secret, body));
        }
        http.sendExpectingSuccess(request, url.getHost());
    }

    /** A request with the user's headers; the JDK refuses some (Host, Content-Length): checked when configured. */
    static HttpRequest.Builder request(URI url, String method, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url);
        headers.forEach(request::header);
        return request;
    }

    static ObjectNode body(Message message, long sentAt) {
        ObjectNode body = HttpSender.JSON.createObjectNode();
        body.put("id", message.id());
        body.put("event", message.event().type().key());
        body.put("severity", message.event().type().severity().name().toLowerCase(java.util.Locale.ROOT));
        body.put("title", message.title());
        body.put("database", message.event().database());
        body.put("time", message.event().time().toString());
        body.put("summary", message.event().summary());
        ObjectNode details = body.putObject("details");
        message.event().details().forEach(details::put);
        body.put("link", message.event().linkUrl().map(URI::toString).orElse(null));
        body.put("text", message.text());
        body.put("sentAt", sentAt);
        return body;
    }

    static String sign(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
