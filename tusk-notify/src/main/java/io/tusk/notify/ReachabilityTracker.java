package io.tusk.notify;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the server's periodic connection checks into {@link EventType#DATABASE_UNREACHABLE} and
 * {@link EventType#DATABASE_RECOVERED} events on state changes only: one alert when a database has failed
 * {@code failuresBeforeAlert} checks in a row (one failed check is often a restart or a network blip), one recovery
 * when it answers again, nothing in between. Safe for use by several threads.
 */
public final class ReachabilityTracker {
    private final int failuresBeforeAlert;
    private final Map<String, State> states = new HashMap<>();

    private static final class State {
        int failures;
        Instant firstFailure;
        boolean alerted;
    }

    /** Alerts on the second failed check in a row. */
    public ReachabilityTracker() {
        this(2);
    }

    public ReachabilityTracker(int failuresBeforeAlert) {
        if (failuresBeforeAlert < 1) {
            throw new IllegalArgumentException("failuresBeforeAlert must be at least 1: " + failuresBeforeAlert);
        }
        this.failuresBeforeAlert = failuresBeforeAlert;
    }

    /** A check of {@code database} failed with {@code error}; the event when this makes it unreachable. */
    public synchronized Optional<NotificationEvent> failed(String database, Instant time, String error, URI link) {
        State state = states.computeIfAbsent(database, name -> new State());
        if (state.failures++ == 0) {
            state.firstFailure = time;
        }
        if (state.alerted || state.failures < failuresBeforeAlert) {
            return Optional.empty();
        }
        state.alerted = true;
        return Optional.of(new NotificationEvent(EventType.DATABASE_UNREACHABLE, database, time, error,
                Map.of("Failing since", state.firstFailure.toString(), "Failed checks", Integer.toString(state.failures)),
                link));
    }

    /** A check of {@code database} succeeded; the event when it was unreachable before. */
    public synchronized Optional<NotificationEvent> succeeded(String database, Instant time, URI link) {
        State state = states.remove(database);
        if (state == null || !state.alerted) {
            return Optional.empty();
        }
        String down = Units.duration(Duration.between(state.firstFailure, time).toMillis());
        return Optional.of(new NotificationEvent(EventType.DATABASE_RECOVERED, database, time,
                "The database answers again after " + down, Map.of("Unreachable for", down), link));
    }
}
