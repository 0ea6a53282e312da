package io.tusk.notify;

import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * Makes notifiers from configuration, with the providers listed in {@code META-INF/services}: {@code email},
 * {@code slack}, {@code discord}, {@code telegram}, {@code teams}, {@code webhook}, {@code ntfy}, {@code gotify}.
 */
public final class NotifierFactory {
    private final Map<String, NotifierProvider> providers;

    /** The providers on the class path of this class's loader. */
    public NotifierFactory() {
        this(ServiceLoader.load(NotifierProvider.class, NotifierFactory.class.getClassLoader()));
    }

    public NotifierFactory(Iterable<NotifierProvider> providers) {
        Map<String, NotifierProvider> byName = new TreeMap<>();
        for (NotifierProvider provider : providers) {
            NotifierProvider earlier = byName.putIfAbsent(provider.name(), provider);
            if (earlier != null) {
                throw new IllegalStateException("two notifier providers for '" + provider.name() + "': "
                        + earlier.getClass().getName() + " and " + provider.getClass().getName());
            }
        }
        this.providers = Collections.unmodifiableMap(byName);
    }

    /** The channel types that can be configured, in name order. */
    public Set<String> channelTypes() {
        return providers.keySet();
    }

    /** The keys of {@code channelType}'s configuration that are secrets (passwords, tokens, webhook URLs). */
    public Set<String> secretKeys(String channelType) {
        return provider(channelType).secretKeys();
    }

    /** Whether the value of {@code key} in a {@code channelType} configuration is a secret. */
    public boolean isSecret(String channelType, String key) {
        return provider(channelType).isSecret(key);
    }

    /**
     * A notifier of {@code channelType} for {@code config}.
     *
     * @throws NotifierConfigException for an unknown type or an incomplete or invalid configuration
     */
    public Notifier create(String channelType, Map<String, String> config) {
        return provider(channelType).create(new NotifierConfig(channelType, config));
    }

    private NotifierProvider provider(String channelType) {
        NotifierProvider provider = providers.get(channelType);
        if (provider == null) {
            throw new NotifierConfigException("unknown notification channel type '" + channelType + "'; known: "
                    + String.join(", ", providers.keySet()));
        }
        return provider;
    }
}
