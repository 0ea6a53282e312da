package io.tusk.notify;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The "send test" action of a channel: one {@link EventType#TEST} message, sent at once on the caller's thread, with
 * no retry, so the UI can show the outcome (the service's own error) while the user waits.
 */
public final class ChannelTest {
    private ChannelTest() {
    }

    /**
     * What happened.
     *
     * @param delivered whether the service accepted the message
     * @param error     why not (no secrets), or null
     * @param took      how long the attempt took
     */
    public record Result(boolean delivered, String error, Duration took) {
    }

    /** Sends the test message; never throws because of the channel. */
    public static Result send(Notifier notifier, MessageFormatter formatter, Clock clock, URI link) {
        Instant start = clock.instant();
        Message message = formatter.format(NotificationEvent.test(start, link));
        long startNanos = System.nanoTime();
        try {
            notifier.send(message);
            return new Result(true, null, Duration.ofNanos(System.nanoTime() - startNanos));
        } catch (NotifierException e) {
            return new Result(false, e.getMessage(), Duration.ofNanos(System.nanoTime() - startNanos));
        } catch (RuntimeException e) {
            return new Result(false, notifier.name() + ": unexpected " + e.getClass().getName() + ": " + e.getMessage(),
                    Duration.ofNanos(System.nanoTime() - startNanos));
        }
    }
}
