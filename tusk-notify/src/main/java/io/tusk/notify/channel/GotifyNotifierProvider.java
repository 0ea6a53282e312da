package io.tusk.notify.channel;

import io.tusk.notify.Notifier;
import io.tusk.notify.NotifierConfig;
import io.tusk.notify.NotifierProvider;
import java.util.Set;

/** {@code gotify}: {@code server} (the Gotify base URL), {@code appToken} (secret), {@code timeoutSeconds}. */
public final class GotifyNotifierProvider implements NotifierProvider {
    @Override
    public String name() {
        return "gotify";
    }

    @Override
    public Set<String> secretKeys() {
        return Set.of("appToken");
    }

    @Override
    public Notifier create(NotifierConfig config) {
        if (!config.has("server") || !config.has("appToken")) {
            throw config.invalid("server and appToken are required");
        }
        String token = config.required("appToken");
        return new GotifyNotifier(config.url("server", false), token,
                new HttpSender("gotify", config.timeout(), Set.of(token)));
    }
}
