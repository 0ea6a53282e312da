package io.tusk.notify;

import java.util.Set;

/**
 * Creates one channel type's notifiers. Implementations are listed in
 * {@code META-INF/services/io.tusk.notify.NotifierProvider} and found by {@link NotifierFactory}.
 */
public interface NotifierProvider {
    /** The channel type this provider makes: {@code slack}. */
    String name();

    /**
     * A notifier for this configuration.
     *
     * @throws NotifierConfigException when a required key is missing or a value is invalid; the message says what to
     *                                 set ("slack: webhookUrl or botToken+channel is required")
     */
    Notifier create(NotifierConfig config);

    /** The configuration keys whose values are secrets: the server stores them encrypted and never shows them. */
    Set<String> secretKeys();

    /** Whether {@code key}'s value is a secret; a provider with open-ended keys ({@code header.*}) overrides it. */
    default boolean isSecret(String key) {
        return secretKeys().contains(key);
    }
}
