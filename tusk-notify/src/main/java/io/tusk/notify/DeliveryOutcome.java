package io.tusk.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What became of one attempt to deliver one message to one channel, for the server to store and show.
 *
 * @param channelId the {@link NotificationChannel#id()}
 * @param channelType the notifier's name: {@code slack}
 * @param messageId the {@link Message#id()}: the same for every attempt and every channel of one event
 * @param event     the event's type
 * @param database  the event's database, or null
 * @param status    what happened
 * @param attempt   1 for the first attempt; 0 for a message dropped before any attempt
 * @param at        when
 * @param error     why it failed or was dropped (no secrets), or null when delivered
 * @param retryIn   for {@link Status#RETRYING}: the wait before the next attempt, else null
 */
public record DeliveryOutcome(String channelId, String channelType, String messageId, EventType event,
                              String database, Status status, int attempt, Instant at, String error,
                              Duration retryIn) {
    public enum Status {
        DELIVERED,
        /** This attempt failed; another follows after {@link #retryIn()}. */
        RETRYING,
        /** The last attempt failed, or the failure cannot pass by trying again: the message is lost. */
        FAILED,
        /** Never attempted: the channel's rate limit or queue was exceeded, or the dispatcher was closing. */
        DROPPED
    }

    public Optional<String> errorMessage() {
        return Optional.ofNullable(error);
    }
}
