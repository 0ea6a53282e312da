package io.tusk.notify;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A configured channel: the server's id for it (shown in delivery records), its notifier and the events it wants.
 *
 * @param id       unique among the dispatcher's channels: "ops-slack", a database key
 * @param notifier what sends
 * @param events   the event types this channel receives; {@link EventType#TEST} is never needed here
 */
public record NotificationChannel(String id, Notifier notifier, Set<EventType> events) {
    public NotificationChannel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(notifier, "notifier");
        events = events.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(events));
    }

    /** A channel with the default subscriptions: every event type whose {@link EventType#defaultEnabled()} holds. */
    public static NotificationChannel withDefaultEvents(String id, Notifier notifier) {
        EnumSet<EventType> events = EnumSet.noneOf(EventType.class);
        for (EventType type : EventType.values()) {
            if (type.defaultEnabled()) {
                events.add(type);
            }
        }
        return new NotificationChannel(id, notifier, events);
    }
}
