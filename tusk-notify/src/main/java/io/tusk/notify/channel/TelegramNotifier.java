package io.tusk.notify.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tusk.notify.Html;
import io.tusk.notify.Message;
import io.tusk.notify.Notifier;
import io.tusk.notify.NotifierException;
import java.net.URI;
import java.net.http.HttpResponse;

/**
 * Telegram, by the Bot API's sendMessage (https://core.telegram.org/bots/api#sendmessage): POST JSON to
 * {@code /bot<token>/sendMessage}; every answer is {@code {"ok":...}}, a failure has {@code description} and, for
 * 429, {@code parameters.retry_after}. The token is part of the URL path, so no message ever shows the URL.
 */
final class TelegramNotifier implements Notifier {
    /** Telegram rejects longer texts ("message is too long"). */
    private static final int MAX_TEXT = 4096;

    private final URI sendMessage;
    private final String chatId;
    private final Integer topicId;
    private final HttpSender http;

    TelegramNotifier(URI apiBase, String botToken, String chatId, Integer topicId, HttpSender http) {
        this.sendMessage = Urls.resolve(apiBase, "bot" + botToken + "/sendMessage");
        this.chatId = chatId;
        this.topicId = topicId;
        this.http = http;
    }

    @Override
    public String name() {
        return "telegram";
    }

    @Override
    public String destination() {
        return "chat " + chatId + (topicId == null ? "" : " topic " + topicId) + " via " + sendMessage.getHost();
    }

    @Override
    public void send(Message message) throws NotifierException {
        ObjectNode body = HttpSender.JSON.createObjectNode();
        body.put("chat_id", chatId);
        if (topicId != null) {
            body.put("message_thread_id", topicId);
        }
        body.put("text", text(message));
        body.put("parse_mode", "HTML");
        body.putObject("link_preview_options").put("is_disabled", true);
        HttpResponse<String> response = http.send(HttpSender.jsonPost(sendMessage, body), sendMessage.getHost());
        JsonNode answer = HttpSender.parse(response.body()).orElse(null);
        if (response.statusCode() / 100 == 2 && answer != null && answer.path("ok").asBoolean(false)) {
            return;
        }
        String error = answer == null ? HttpSender.errorText(response.body())
                : answer.path("description").asText(HttpSender.errorText(response.body()));
        java.time.Duration retryAfter = answer == null ? null
                : HttpSender.seconds(answer.path("parameters").get("retry_after"));
        if (response.statusCode() / 100 == 2) {
            throw http.refused(sendMessage.getHost(), error, false, null);
        }
        throw http.failure(sendMessage.getHost(), response, error, retryAfter);
    }

    /** Telegram's HTML mode knows a handful of tags (b, i, a, code, pre) and needs &, <, > escaped. */
    static String text(Message message) {
        StringBuilder text = new StringBuilder("<b>").append(Html.escape(message.title())).append("</b>\n");
        message.facts().forEach(fact -> text.append("<b>").append(Html.escape(fact.label())).append(":</b> ")
                .append(Html.escape(fact.value())).append('\n'));
        message.event().linkUrl().ifPresent(link -> text.append("<a href=\"").append(Html.escape(link.toString()))
                .append("\">Open the run in Tusk</a>"));
        String html = text.toString().strip();
        // cutting inside a tag or an entity would make Telegram refuse the whole text: fall back to plain facts
        return html.length() <= MAX_TEXT ? html : Text.cutEscaped(Html.escape(message.text()), MAX_TEXT);
    }
}
