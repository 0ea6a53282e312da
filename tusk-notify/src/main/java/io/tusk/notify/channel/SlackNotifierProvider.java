package io.tusk.notify.channel;

import io.tusk.notify.Notifier;
import io.tusk.notify.NotifierConfig;
import io.tusk.notify.NotifierProvider;
import java.net.URI;
import java.util.Set;

/**
 * {@code slack}: {@code webhookUrl} (secret), or {@code botToken} (secret) and {@code channel} (an id or a name), with
 * {@code apiBase} (default https://slack.com/api) and {@code timeoutSeconds}.
 */
public final class SlackNotifierProvider implements NotifierProvider {
    @Override
    public String name() {
        return "slack";
    }

    @Override
    public Set<String> secretKeys() {
        return Set.of("webhookUrl", "botToken");
    }

    @Override
    public Notifier create(NotifierConfig config) {
        if (config.has("webhookUrl")) {
            URI webhook = config.url("webhookUrl", true);
            return SlackNotifier.webhook(webhook, new HttpSender("slack", config.timeout(), Set.of(webhook.toString())));
        }
        if (config.has("botToken") && config.has("channel")) {
            String token = config.required("botToken");
            URI apiBase = config.url("apiBase", config.get("apiBase", "https://slack.com/api"), false);
            return SlackNotifier.bot(apiBase, token, config.required("channel"),
                    new HttpSender("slack", config.timeout(), Set.of(token)));
        }
        throw config.invalid("webhookUrl or botToken+channel is required");
    }
}
