package io.tusk.notify.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tusk.notify.Message;
import io.tusk.notify.Notifier;
import io.tusk.notify.NotifierException;
import java.net.URI;
import java.net.http.HttpResponse;

/**
 * Gotify (https://gotify.net/api-docs, POST /message): JSON {@code title}, {@code message}, {@code priority}, the
 * application token in {@code X-Gotify-Key} (a header rather than {@code ?token=}, so it never sits in a URL).
 */
final class GotifyNotifier implements Notifier {
    private final URI messageUrl;
    private final String appToken;
    private final HttpSender http;

    GotifyNotifier(URI server, String appToken, HttpSender http) {
        this.messageUrl = Urls.resolve(server, "message");
        this.appToken = appToken;
        this.http = http;
    }

    @Override
    public String name() {
        return "gotify";
    }

    @Override
    public String destination() {
        return messageUrl.getHost();
    }

    @Override
    public void send(Message message) throws NotifierException {
        ObjectNode body = HttpSender.JSON.createObjectNode();
        body.put("title", message.title());
        body.put("message", Text.body(message));
        // Gotify's Android app alerts loudly from 8 on; 5 shows a plain notification
        body.put("priority", switch (message.event().type().severity()) {
            case OK, INFO -> 2;
            case WARNING -> 5;
            case FAILURE -> 8;
        });
        message.event().linkUrl().ifPresent(link -> body.putObject("extras").putObject("client::notification")
                .putObject("click").put("url", link.toString()));
        HttpResponse<String> response = http.send(HttpSender.jsonPost(messageUrl, body)
                .header("X-Gotify-Key", appToken), messageUrl.getHost());
        if (response.statusCode() / 100 != 2) {
            JsonNode answer = HttpSender.parse(response.body()).orElse(null);
            String error = answer == null ? HttpSender.errorText(response.body())
                    : answer.path("errorDescription").asText(HttpSender.errorText(response.body()));
            throw http.failure(messageUrl.getHost(), response, error, HttpSender.retryAfter(response));
        }
    }
}
