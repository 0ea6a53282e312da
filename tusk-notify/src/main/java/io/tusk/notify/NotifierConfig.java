package io.tusk.notify;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A channel's configuration: string keys and values, as the server stores them. Readers validate as they go and fail
 * with a {@link NotifierConfigException} that names the channel and the key; blank values count as absent.
 */
public final class NotifierConfig {
    /** How long one delivery attempt may take, unless the channel's {@code timeoutSeconds} says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final String channel;
    private final Map<String, String> values;

    public NotifierConfig(String channel, Map<String, String> values) {
        this.channel = channel;
        this.values = new TreeMap<>(values);
    }

    public String channel() {
        return channel;
    }

    public Optional<String> optional(String key) {
        return Optional.ofNullable(values.get(key)).map(String::strip).filter(value -> !value.isEmpty());
    }

    public String get(String key, String defaultValue) {
        return optional(key).orElse(defaultValue);
    }

    public String required(String key) {
        return optional(key).orElseThrow(() -> invalid(key + " is required"));
    }

    public boolean has(String key) {
        return optional(key).isPresent();
    }

    public int integer(String key, int defaultValue, int min, int max) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(value.get());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw invalid(key + " must be a whole number from " + min + " to " + max + " but is: '" + value.get() + "'");
    }

    /** An http or https URL; {@code secret} keeps the value itself out of the error message. */
    public URI url(String key, boolean secret) {
        return url(key, required(key), secret);
    }

    public URI url(String key, String value, boolean secret) {
        String shown = secret ? "" : ": '" + value + "'";
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw invalid(key + " must be an http:// or https:// URL" + (shown.isEmpty() ? "" : " but is" + shown));
    }

    /** {@code timeoutSeconds}, 1 to 300, default 10. */
    public Duration timeout() {
        return Duration.ofSeconds(integer("timeoutSeconds", (int) DEFAULT_TIMEOUT.toSeconds(), 1, 300));
    }

    /** Keys that start with {@code prefix}, the prefix removed: {@code header.X-Api-Key} gives {@code X-Api-Key}. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> found = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                found.put(key.substring(prefix.length()), value);
            }
        });
        return found;
    }

    public NotifierConfigException invalid(String problem) {
        return new NotifierConfigException(channel + ": " + problem);
    }
}
