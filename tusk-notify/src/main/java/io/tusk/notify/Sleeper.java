package io.tusk.notify;

import java.time.Duration;

/** Waits between retries; tests pass one that returns at once and records the waits. */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
