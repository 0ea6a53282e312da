package io.tusk.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A rate limit: up to {@code capacity} at once, refilled at {@code perMinute}. Tokens are fractional so a refill of
 * 20 a minute gives one every 3 s, not 20 at each full minute.
 */
final class TokenBucket {
    private static final double NANOS_PER_MINUTE = Duration.ofMinutes(1).toNanos();

    private final double capacity;
    private final double perNano;
    private final Clock clock;
    private double tokens;
    private Instant last;

    TokenBucket(int capacity, int perMinute, Clock clock) {
        this.capacity = capacity;
        this.perNano = perMinute / NANOS_PER_MINUTE;
        this.clock = clock;
        this.tokens = capacity;
        this.last = clock.instant();
    }

    synchronized boolean tryTake() {
        Instant now = clock.instant();
        long elapsed = Duration.between(last, now).toNanos();
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * perNano);
            last = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
