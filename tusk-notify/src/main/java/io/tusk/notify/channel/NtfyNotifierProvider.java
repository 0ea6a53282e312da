package io.tusk.notify.channel;

import io.tusk.notify.Notifier;
import io.tusk.notify.NotifierConfig;
import io.tusk.notify.NotifierProvider;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code ntfy}: {@code topic}, {@code server} (default https://ntfy.sh), {@code token} (secret, an access token),
 * {@code timeoutSeconds}. On the public server the topic name is the only protection: pick an unguessable one.
 */
public final class NtfyNotifierProvider implements NotifierProvider {
    /** ntfy's own rule for topic names. */
    private static final Pattern TOPIC = Pattern.compile("[-_A-Za-z0-9]{1,64}");

    @Override
    public String name() {
        return "ntfy";
    }

    @Override
    public Set<String> secretKeys() {
        return Set.of("token");
    }

    @Override
    public Notifier create(NotifierConfig config) {
        String topic = config.required("topic");
        if (!TOPIC.matcher(topic).matches()) {
            throw config.invalid("topic must be 1 to 64 letters, digits, '-' or '_' but is: '" + topic + "'");
        }
        URI server = config.url("server", config.get("server", "https://ntfy.sh"), false);
        String token = config.optional("token").orElse(null);
        Set<String> secrets = new HashSet<>();
        if (token != null) {
            secrets.add(token);
        }
        return new NtfyNotifier(server, topic, token, new HttpSender("ntfy", config.timeout(), secrets));
    }
}
