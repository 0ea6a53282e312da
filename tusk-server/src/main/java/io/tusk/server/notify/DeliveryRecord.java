package io.tusk.server.notify;

import java.time.Instant;

/** One delivery attempt's outcome: DELIVERED, RETRYING (this attempt failed), FAILED or DROPPED, with the error. */
public record DeliveryRecord(long id, long notifierId, String messageId, String event, String database, String status,
                             int attempt, Instant at, String error) {
}
