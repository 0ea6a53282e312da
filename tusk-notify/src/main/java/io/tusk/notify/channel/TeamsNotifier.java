package io.tusk.notify.channel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tusk.notify.Message;
import io.tusk.notify.Notifier;
import io.tusk.notify.NotifierException;
import java.net.URI;

/**
 * Microsoft Teams, by a Workflows webhook ("Post to a channel when a webhook request is received"): POST a message
 * whose one attachment is an Adaptive Card 1.4 (https://adaptivecards.io/explorer/); the flow answers 202 Accepted.
 * The old Office 365 connectors (MessageCard) are retired, so they are not supported.
 */
final class TeamsNotifier implements Notifier {
    private final URI webhook;
    private final HttpSender http;

    TeamsNotifier(URI webhook, HttpSender http) {
        this.webhook = webhook;
        this.http = http;
    }

    @Override
    public String name() {
        return "teams";
    }

    @Override
    public String destination() {
        return "workflow at " + webhook.getHost();
    }

    @Override
    public void send(Message message) throws NotifierException {
        http.sendExpectingSuccess(HttpSender.jsonPost(webhook, payload(message)), webhook.getHost());
    }

    static ObjectNode payload(Message message) {
        ObjectNode body = HttpSender.JSON.createObjectNode();
        body.put("type", "message");
        ObjectNode attachment = body.putArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ArrayNode items = card.putArray("body");
        items.addObject().put("type", "TextBlock").put("text", message.title()).put("weight", "Bolder")
                .put("size", "Medium").put("wrap", true).put("color", color(message));
        ArrayNode facts = items.addObject().put("type", "FactSet").putArray("facts");
        message.facts().forEach(fact -> facts.addObject().put("title", fact.label()).put("value", fact.value()));
        message.event().linkUrl().ifPresent(link -> card.putArray("actions").addObject()
                .put("type", "Action.OpenUrl").put("title", "Open the run").put("url", link.toString()));
        return body;
    }

    /** Adaptive Card colour names: Good, Warning, Attention, Default. */
    private static String color(Message message) {
        return switch (message.event().type().severity()) {
            case OK -> "Good";
            case INFO -> "Default";
            case WARNING -> "Warning";
            case FAILURE -> "Attention";
        };
    }
}
