package io.tusk.notify.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tusk.notify.Message;
import io.tusk.notify.Notifier;
import io.tusk.notify.NotifierException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Slack, by an incoming webhook (https://api.slack.com/messaging/webhooks: POST JSON, "ok" in plain text or an error
 * status) or by a bot token (https://api.slack.com/methods/chat.postMessage: Bearer token, answers HTTP 200 even on
 * failure, with {@code {"ok":false,"error":"channel_not_found"}}).
 */
final class SlackNotifier implements Notifier {
    /** Slack truncates section text beyond 3000 characters. */
    private static final int MAX_SECTION_TEXT = 3000;

    private final URI target;
    private final String botToken;
    private final String channel;
    private final HttpSender http;

    private SlackNotifier(URI target, String botToken, String channel, HttpSender http) {
        this.target = target;
        this.botToken = botToken;
        this.channel = channel;
        this.http = http;
    }

    static SlackNotifier webhook(URI webhookUrl, HttpSender http) {
        return new SlackNotifier(webhookUrl, null, null, http);
    }

    static SlackNotifier bot(URI apiBase, String botToken, String channel, HttpSender http) {
        return new SlackNotifier(Urls.resolve(apiBase, "chat.postMessage"), botToken, channel, http);
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public String destination() {
        return botToken == null ? "webhook at " + target.getHost() : "#" + channel + " via " + target.getHost();
    }

    @Override
    public void send(Message message) throws NotifierException {
        ObjectNode body = payload(message);
        if (botToken == null) {
            http.sendExpectingSuccess(HttpSender.jsonPost(target, body), target.getHost());
            return;
        }
        body.put("channel", channel);
        HttpRequest.Builder request = HttpSender.jsonPost(target, body).header("Authorization", "Bearer " + botToken);
        HttpResponse<String> response = http.sendExpectingSuccess(request, target.getHost());
        JsonNode answer = HttpSender.parse(response.body()).orElse(null);
        if (answer == null || !answer.path("ok").asBoolean(false)) {
            String error = answer == null ? HttpSender.errorText(response.body()) : answer.path("error").asText("?");
            // ratelimited is the only error a later try can fix; a bad token or channel stays bad
            throw http.refused(target.getHost(), error, error.equals("ratelimited"), HttpSender.retryAfter(response));
        }
    }

    /** A text fallback (notifications, screen readers) plus blocks: header, facts, a button to the run. */
    static ObjectNode payload(Message message) {
        ObjectNode body = HttpSender.JSON.createObjectNode();
        body.put("text", escape(message.title() + ": " + message.event().summary()));
        ArrayNode blocks = body.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", Text.cut(message.title(), 150));
        StringBuilder facts = new StringBuilder();
        message.facts().forEach(fact -> facts.append('*').append(escape(fact.label())).append(":* ")
                .append(escape(fact.value())).append('\n'));
        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", Text.cut(facts.toString().strip(), MAX_SECTION_TEXT));
        message.event().linkUrl().ifPresent(link -> {
            ObjectNode button = blocks.addObject().put("type", "actions").putArray("elements").addObject();
            button.put("type", "button").put("url", link.toString());
            button.putObject("text").put("type", "plain_text").put("text", "Open the run");
        });
        return body;
    }

    /** Slack's mrkdwn needs exactly these three escaped; anything else is shown as written. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
