package io.tusk.server.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Limits password guessing twice over: an account is locked for {@code tusk.login.lockout} after
 * {@code tusk.login.max-failures} failures in a row (stored, so a restart does not unlock it), and a client address
 * that fails {@code tusk.login.max-failures-per-address} times within the lockout period is refused before any
 * password is checked, whichever usernames it tries (kept in memory: an address is only a hint, a restart forgets
 * it).
 */
@Component
class LoginThrottle {
    private final Clock clock;
    private final int maxFailures;
    private final Duration lockout;
    private final int maxFailuresPerAddress;
    private final Map<String, Deque<Instant>> failuresByAddress = new ConcurrentHashMap<>();

    LoginThrottle(Clock clock, @Value("${tusk.login.max-failures:5}") int maxFailures,
                  @Value("${tusk.login.lockout:PT15M}") Duration lockout,
                  @Value("${tusk.login.max-failures-per-address:20}") int maxFailuresPerAddress) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
        this.maxFailuresPerAddress = maxFailuresPerAddress;
    }

    Instant now() {
        return clock.instant();
    }

    /** When the address may try again, or null when it may now. */
    Instant addressBlockedUntil(String address) {
        Deque<Instant> failures = failuresByAddress.get(address);
        if (failures == null) {
            return null;
        }
        synchronized (failures) {
            Instant now = now();
            while (!failures.isEmpty() && !failures.peekFirst().plus(lockout).isAfter(now)) {
                failures.pollFirst();
            }
            return failures.size() >= maxFailuresPerAddress ? failures.peekFirst().plus(lockout) : null;
        }
    }

    void addressFailed(String address) {
        Deque<Instant> failures = failuresByAddress.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (failures) {
            failures.addLast(now());
        }
    }

    boolean locked(UserRepository.Row user) {
        return user.lockedUntil() != null && user.lockedUntil().isAfter(now());
    }

    /** The failures in a row after this one; a lock that has run out starts the count again. */
    int failuresAfter(UserRepository.Row user) {
        boolean lockExpired = user.lockedUntil() != null && !user.lockedUntil().isAfter(now());
        return (lockExpired ? 0 : user.failedAttempts()) + 1;
    }

    /** The end of the lock the failures call for, or null when there are not enough of them yet. */
    Instant lockUntil(int failures) {
        return failures >= maxFailures ? now().plus(lockout) : null;
    }

    int maxFailures() {
        return maxFailures;
    }
}
