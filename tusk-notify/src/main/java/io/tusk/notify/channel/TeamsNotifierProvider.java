package io.tusk.notify.channel;

import io.tusk.notify.Notifier;
import io.tusk.notify.NotifierConfig;
import io.tusk.notify.NotifierProvider;
import java.net.URI;
import java.util.Set;

/** {@code teams}: {@code webhookUrl} (secret: the Workflows "HTTP POST URL"), {@code timeoutSeconds}. */
public final class TeamsNotifierProvider implements NotifierProvider {
    @Override
    public String name() {
        return "teams";
    }

    @Override
    public Set<String> secretKeys() {
        return Set.of("webhookUrl");
    }

    @Override
    public Notifier create(NotifierConfig config) {
        if (!config.has("webhookUrl")) {
            throw config.invalid("webhookUrl is required (the HTTP POST URL of a Teams Workflows webhook)");
        }
        URI webhook = config.url("webhookUrl", true);
        return new TeamsNotifier(webhook, new HttpSender("teams", config.timeout(), Set.of(webhook.toString())));
    }
}
