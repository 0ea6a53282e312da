package io.tusk.notify;

import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened and may be worth telling someone about.
 *
 * @param type     what happened
 * @param database the database it happened to, or null for events about no single database (a storage)
 * @param time     when it happened
 * @param summary  one line: the error for failures, the gist otherwise; newlines are folded into spaces
 * @param details  further facts in display order ("Duration" -> "12 min", "Storage" -> "s3://bucket/prefix"); values
 *                 must not hold secrets, they are sent as they are
 * @param link     the run (or page) in the UI, or null
 */
public record NotificationEvent(
        EventType type, String database, Instant time, String summary, Map<String, String> details, URI link) {

    /** Longer summaries are cut, so a stack trace pasted as an error cannot flood a chat. */
    static final int MAX_SUMMARY_LENGTH = 500;

    public NotificationEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        summary = oneLine(summary == null ? "" : summary);
        Map<String, String> copy = new LinkedHashMap<>();
        if (details != null) {
            details.forEach((key, value) -> copy.put(Objects.requireNonNull(key, "details key"),
                    value == null ? "" : value));
        }
        details = Collections.unmodifiableMap(copy);
    }

    public NotificationEvent(EventType type, String database, Instant time, String summary) {
        this(type, database, time, summary, Map.of(), null);
    }

    /** What the "send test" action of a channel sends. */
    public static NotificationEvent test(Instant time, URI link) {
        return new NotificationEvent(EventType.TEST, null, time,
                "This is a test notification from Tusk: this channel works.", Map.of(), link);
    }

    public Optional<String> databaseName() {
        return Optional.ofNullable(database).filter(name -> !name.isBlank());
    }

    public Optional<URI> linkUrl() {
        return Optional.ofNullable(link);
    }

    public NotificationEvent withDetail(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(details);
        more.put(key, value);
        return new NotificationEvent(type, database, time, summary, more, link);
    }

    static String oneLine(String text) {
        String folded = text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        return folded.length() <= MAX_SUMMARY_LENGTH ? folded : folded.substring(0, MAX_SUMMARY_LENGTH - 1) + "\u2026";
    }
}
