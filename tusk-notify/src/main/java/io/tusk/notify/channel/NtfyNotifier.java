package io.tusk.notify.channel;

import io.tusk.notify.EventType;
import io.tusk.notify.Message;
import io.tusk.notify.Notifier;
import io.tusk.notify.NotifierException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * ntfy (https://docs.ntfy.sh/publish/): POST the plain text to {@code <server>/<topic>} with {@code Title},
 * {@code Priority}, {@code Tags} and {@code Click} headers, and an optional access token as a Bearer.
 */
final class NtfyNotifier implements Notifier {
    private final URI topicUrl;
    private final String token;
    private final HttpSender http;

    NtfyNotifier(URI server, String topic, String token, HttpSender http) {
        this.topicUrl = Urls.resolve(server, topic);
        this.token = token;
        this.http = http;
    }

    @Override
    public String name() {
        return "ntfy";
    }

    @Override
    public String destination() {
        return topicUrl.getHost() + topicUrl.getPath();
    }

    @Override
    public void send(Message message) throws NotifierException {
        String text = Text.body(message);
        HttpRequest.Builder request = HttpRequest.newBuilder(topicUrl)
                .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8))
                .header("Content-Type", "text/plain; charset=utf-8")
                .header("Title", headerValue(message.title()))
                .header("Priority", Integer.toString(priority(message.event().type().severity())))
                .header("Tags", tag(message.event().type().severity()));
        message.event().linkUrl().ifPresent(link -> request.header("Click", link.toASCIIString()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        http.sendExpectingSuccess(request, topicUrl.getHost());
    }

    /** ntfy's 1 (min) to 5 (max); 3 is its default. */
    static int priority(EventType.Severity severity) {
        return switch (severity) {
            case OK, INFO -> 3;
            case WARNING -> 4;
            case FAILURE -> 5;
        };
    }

    /** A tag that ntfy shows as an emoji. */
    static String tag(EventType.Severity severity) {
        return switch (severity) {
            case OK -> "white_check_mark";
            case INFO -> "information_source";
            case WARNING -> "warning";
            case FAILURE -> "rotating_light";
        };
    }

    /** HTTP header values are Latin-1 at best; ntfy decodes RFC 2047 encoded words, so other text goes as one. */
    static String headerValue(String text) {
        boolean ascii = text.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        return ascii ? text
                : "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }
}
