package io.tusk.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReachabilityTrackerTest {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private final ReachabilityTracker tracker = new ReachabilityTracker(2);

    @Test
    void shouldAlertOnceAfterTwoFailedChecksAndOnceOnRecovery() {
        assertThat(tracker.failed("shop", T0, "connection refused", null)).isEmpty();
        NotificationEvent down = tracker.failed("shop", T0.plusSeconds(60), "connection refused", null).orElseThrow();
        assertThat(down.type()).isEqualTo(EventType.DATABASE_UNREACHABLE);
        assertThat(down.summary()).isEqualTo("connection refused");
        assertThat(down.details()).containsEntry("Failing since", "2026-12-01T08:00:00Z")
                .containsEntry("Failed checks", "2");
        assertThat(tracker.failed("shop", T0.plusSeconds(120), "connection refused", null)).isEmpty();

        NotificationEvent up = tracker.succeeded("shop", T0.plusSeconds(300), null).orElseThrow();
        assertThat(up.type()).isEqualTo(EventType.DATABASE_RECOVERED);
        assertThat(up.summary()).isEqualTo("The database answers again after 5.0 min");
        assertThat(tracker.succeeded("shop", T0.plusSeconds(360), null)).isEmpty();
    }

    @Test
    void shouldStayQuietAboutASingleFailedCheck() {
        assertThat(tracker.failed("shop", T0, "timeout", null)).isEmpty();
        assertThat(tracker.succeeded("shop", T0.plusSeconds(60), null)).isEmpty();
        assertThat(tracker.failed("shop", T0.plusSeconds(120), "timeout", null)).isEmpty();
    }

    @Test
    void shouldTrackEachDatabaseOnItsOwn() {
        tracker.failed("shop", T0, "refused", null);
        assertThat(tracker.failed("crm", T0, "refused", null)).isEmpty();
        assertThat(tracker.failed("shop", T0.plusSeconds(60), "refused", null)).isPresent();
    }
}
