package io.tusk.notify.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tusk.notify.Message;
import io.tusk.notify.Notifier;
import io.tusk.notify.NotifierException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Discord, by a channel webhook (https://discord.com/developers/docs/resources/webhook#execute-webhook): POST JSON with
 * {@code content} and one embed; 204 No Content is success, 429 carries {@code retry_after} in seconds.
 */
final class DiscordNotifier implements Notifier {
    // Discord's limits: content 2000, embed title 256, description 4096, field name 256, value 1024, 25 fields
    private static final int MAX_FIELDS = 25;

    private final URI webhook;
    private final HttpSender http;

    DiscordNotifier(URI webhook, HttpSender http) {
        this.webhook = webhook;
        this.http = http;
    }

    @Override
    public String name() {
        return "discord";
    }

    @Override
    public String destination() {
        return "webhook at " + webhook.getHost();
    }

    @Override
    public void send(Message message) throws NotifierException {
        HttpResponse<String> response = http.send(HttpSender.jsonPost(webhook, payload(message)), webhook.getHost());
        if (response.statusCode() / 100 == 2) {
            return;
        }
        JsonNode answer = HttpSender.parse(response.body()).orElse(null);
        Duration retryAfter = HttpSender.retryAfter(response);
        String error = HttpSender.errorText(response.body());
        if (answer != null) {
            if (retryAfter == null) {
                retryAfter = HttpSender.seconds(answer.get("retry_after"));
            }
            error = answer.path("message").asText(error);
        }
        throw http.failure(webhook.getHost(), response, error, retryAfter);
    }

    static ObjectNode payload(Message message) {
        ObjectNode body = HttpSender.JSON.createObjectNode();
        body.put("username", "Tusk");
        body.put("content", Text.cut(message.title(), 2000));
        // error texts are not ours: never let one ping @everyone or a role
        body.putObject("allowed_mentions").putArray("parse");
        ObjectNode embed = body.putArray("embeds").addObject();
        embed.put("title", Text.cut(message.title(), 256));
        if (!message.event().summary().isEmpty()) {
            // Discord refuses an empty description
            embed.put("description", Text.cut(message.event().summary(), 4096));
        }
        embed.put("color", Colors.rgb(message.event().type().severity()));
        embed.put("timestamp", message.event().time().toString());
        message.event().linkUrl().ifPresent(link -> embed.put("url", link.toString()));
        ArrayNode fields = embed.putArray("fields");
        message.facts().stream()
                .filter(fact -> !fact.value().equals(message.event().summary()))
                .limit(MAX_FIELDS)
                .forEach(fact -> fields.addObject()
                        .put("name", Text.cut(fact.label(), 256))
                        .put("value", Text.cut(fact.value().isEmpty() ? "-" : fact.value(), 1024))
                        .put("inline", fact.value().length() <= 40));
        return body;
    }
}
