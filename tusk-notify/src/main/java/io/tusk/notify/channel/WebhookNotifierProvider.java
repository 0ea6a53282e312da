package io.tusk.notify.channel;

import io.tusk.notify.Notifier;
import io.tusk.notify.NotifierConfig;
import io.tusk.notify.NotifierProvider;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code webhook}: {@code url} (secret: it often carries a token), {@code method} ({@code POST} or {@code PUT}, default
 * POST), {@code secret} (secret: signs each body), {@code header.NAME} (secret: each a header to send, such as
 * {@code header.Authorization}), {@code timeoutSeconds}.
 */
public final class WebhookNotifierProvider implements NotifierProvider {
    static final String HEADER_PREFIX = "header.";

    private final Clock clock;

    public WebhookNotifierProvider() {
        this(Clock.systemUTC());
    }

    WebhookNotifierProvider(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public Set<String> secretKeys() {
        return Set.of("url", "secret");
    }

    @Override
    public boolean isSecret(String key) {
        return secretKeys().contains(key) || key.startsWith(HEADER_PREFIX);
    }

    @Override
    public Notifier create(NotifierConfig config) {
        if (!config.has("url")) {
            throw config.invalid("url is required");
        }
        URI url = config.url("url", true);
        String method = config.get("method", "POST").toUpperCase(Locale.ROOT);
        if (!method.equals("POST") && !method.equals("PUT")) {
            throw config.invalid("method must be POST or PUT but is: '" + method + "'");
        }
        Map<String, String> headers = config.withPrefix(HEADER_PREFIX);
        try {
            WebhookNotifier.request(url, method, headers);
        } catch (IllegalArgumentException e) {
            throw config.invalid("a header.NAME cannot be sent: " + e.getMessage()
                    + " (Host, Content-Length, Connection and Expect are set by the HTTP client)");
        }
        String secret = config.optional("secret").orElse(null);
        List<String> secrets = new ArrayList<>();
        for (String value : headers.values()) {
            secrets.add(value);
            // "Bearer abc", "Basic abc": the credential alone may come back in an error body too
            String stripped = value.strip();
            secrets.add(stripped.substring(stripped.lastIndexOf(' ') + 1));
        }
        secrets.add(url.toString());
        if (secret != null) {
            secrets.add(secret);
        }
        return new WebhookNotifier(url, method, headers, secret, clock,
                new HttpSender("webhook", config.timeout(), secrets));
    }
}
