package io.tusk.notify.channel;

import io.tusk.notify.Notifier;
import io.tusk.notify.NotifierConfig;
import io.tusk.notify.NotifierProvider;
import java.net.URI;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code telegram}: {@code botToken} (secret, from @BotFather), {@code chatId} (a number, or @channelname), optional
 * {@code topicId} (a forum topic's message_thread_id), {@code apiBase} (default https://api.telegram.org),
 * {@code timeoutSeconds}.
 */
public final class TelegramNotifierProvider implements NotifierProvider {
    /** 123456:ABC-DEF...; anything else would make a wrong path, and a token with '/' could reach another URL. */
    private static final Pattern TOKEN = Pattern.compile("[0-9]+:[A-Za-z0-9_-]+");

    @Override
    public String name() {
        return "telegram";
    }

    @Override
    public Set<String> secretKeys() {
        return Set.of("botToken");
    }

    @Override
    public Notifier create(NotifierConfig config) {
        if (!config.has("botToken") || !config.has("chatId")) {
            throw config.invalid("botToken and chatId are required");
        }
        String token = config.required("botToken");
        if (!TOKEN.matcher(token).matches()) {
            throw config.invalid("botToken must look like 123456789:AA... (as @BotFather gives it)");
        }
        Integer topic = config.has("topicId") ? config.integer("topicId", 0, 1, Integer.MAX_VALUE) : null;
        URI apiBase = config.url("apiBase", config.get("apiBase", "https://api.telegram.org"), false);
        return new TelegramNotifier(apiBase, token, config.required("chatId"), topic,
                new HttpSender("telegram", config.timeout(), Set.of(token)));
    }
}
