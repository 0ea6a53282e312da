package io.tusk.notify.channel;

import io.tusk.notify.Notifier;
import io.tusk.notify.NotifierConfig;
import io.tusk.notify.NotifierProvider;
import java.net.URI;
import java.util.Set;

/** {@code discord}: {@code webhookUrl} (secret), {@code timeoutSeconds}. */
public final class DiscordNotifierProvider implements NotifierProvider {
    @Override
    public String name() {
        return "discord";
    }

    @Override
    public Set<String> secretKeys() {
        return Set.of("webhookUrl");
    }

    @Override
    public Notifier create(NotifierConfig config) {
        if (!config.has("webhookUrl")) {
            throw config.invalid("webhookUrl is required (channel settings > Integrations > Webhooks > Copy URL)");
        }
        URI webhook = config.url("webhookUrl", true);
        return new DiscordNotifier(webhook, new HttpSender("discord", config.timeout(), Set.of(webhook.toString())));
    }
}
