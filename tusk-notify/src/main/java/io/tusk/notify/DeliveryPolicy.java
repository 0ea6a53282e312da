package io.tusk.notify;

import java.time.Duration;

/**
 * How hard the dispatcher tries, per channel.
 *
 * @param maxAttempts       attempts per message, the first one included; then the failure is final
 * @param firstRetryDelay   the wait after the first failed attempt; it doubles after each further one
 * @param maxRetryDelay     the longest wait between two attempts, also the cap on a service's Retry-After
 * @param queueCapacity     messages waiting per channel; more are dropped (and reported), so a dead channel cannot
 *                          hold memory without bound
 * @param messagesPerMinute the rate limit's refill per channel
 * @param burst             the rate limit's bucket: that many messages may go at once after a quiet time
 */
public record DeliveryPolicy(int maxAttempts, Duration firstRetryDelay, Duration maxRetryDelay, int queueCapacity,
                             int messagesPerMinute, int burst) {
    public DeliveryPolicy {
        if (maxAttempts < 1 || queueCapacity < 1 || messagesPerMinute < 1 || burst < 1) {
            throw new IllegalArgumentException("maxAttempts, queueCapacity, messagesPerMinute and burst must be at"
                    + " least 1");
        }
        if (firstRetryDelay.isNegative() || maxRetryDelay.compareTo(firstRetryDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= firstRetryDelay <= maxRetryDelay");
        }
    }

    /**
     * 5 attempts over about 2.5 minutes (10 s, 20 s, 40 s, 80 s apart), at most 10 minutes apart, 100 waiting messages,
     * 20 messages a minute in bursts of up to 10.
     */
    public static DeliveryPolicy defaults() {
        return new DeliveryPolicy(5, Duration.ofSeconds(10), Duration.ofMinutes(10), 100, 20, 10);
    }

    /** The wait after failed attempt number {@code attempt} (1 for the first): exponential, capped. */
    Duration retryDelay(int attempt, Duration requestedByService) {
        if (requestedByService != null) {
            return requestedByService.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : requestedByService;
        }
        Duration delay = firstRetryDelay;
        for (int i = 1; i < attempt && delay.compareTo(maxRetryDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }
}
