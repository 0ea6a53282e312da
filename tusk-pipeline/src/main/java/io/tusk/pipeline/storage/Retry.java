package io.tusk.pipeline.storage;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Runs an idempotent storage operation (a read, a listing, a delete, a small put, an upload chunk that can be sent
 * again) and tries it again after a transient failure: a {@link TransientStorageException}, a reset or refused
 * connection, a timeout. Waits double each time (200 ms, 400 ms, 800 ms by default), so a server restart or a
 * rate limit is ridden out in about 1.5 s and a dead server is reported after 3 retries, not never; a server that
 * says how long to wait (Retry-After) is waited for, up to a minute.
 *
 * <p>JDK only, no resilience4j: one loop and one sleep do not need a library and its configuration model.
 * The {@link Sleeper} is settable so tests do not wait.
 */
final class Retry {
    /** Waits between attempts; tests pass one that records instead of sleeping. */
    interface Sleeper {
        void sleep(Duration delay) throws InterruptedException;
    }

    interface Call<T> {
        T call() throws IOException;
    }

    interface Action {
        void run() throws IOException;
    }

    static final int DEFAULT_RETRIES = 3;
    static final Duration DEFAULT_FIRST_DELAY = Duration.ofMillis(200);
    /** The longest a server's Retry-After is honoured; a longer one is cut to this. */
    static final Duration MAX_SERVER_DELAY = Duration.ofSeconds(60);

    private final int retries;
    private final Duration firstDelay;
    private final Sleeper sleeper;

    Retry(int retries, Duration firstDelay, Sleeper sleeper) {
        this.retries = retries;
        this.firstDelay = firstDelay;
        this.sleeper = sleeper;
    }

    static Retry standard() {
        return new Retry(DEFAULT_RETRIES, DEFAULT_FIRST_DELAY, delay -> Thread.sleep(delay.toMillis()));
    }

    /** Runs {@code call}, retrying transient failures; the last failure is thrown with the earlier ones suppressed. */
    <T> T call(Call<T> call) throws IOException {
        IOException first = null;
        Duration delay = firstDelay;
        Duration wait;
        for (int attempt = 0; ; attempt++) {
            try {
                return call.call();
            } catch (IOException e) {
                if (!isTransient(e) || attempt >= retries) {
                    if (first != null && first != e) {
                        e.addSuppressed(first);
                    }
                    throw e;
                }
                if (first == null) {
                    first = e;
                }
                wait = delay;
                if (e instanceof TransientStorageException t && t.retryAfter() != null && t.retryAfter().compareTo(delay) > 0) {
                    wait = t.retryAfter().compareTo(MAX_SERVER_DELAY) > 0 ? MAX_SERVER_DELAY : t.retryAfter();
                }
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting to retry");
                interrupted.addSuppressed(first);
                throw interrupted;
            }
            delay = delay.multipliedBy(2);
        }
    }

    void run(Action action) throws IOException {
        call(() -> {
            action.run();
            return null;
        });
    }

    /** Worth another try: the server asked for it, or the network failed (reset, refused, timed out). */
    static boolean isTransient(IOException e) {
        return e instanceof TransientStorageException
                || e instanceof SocketException
                || e instanceof SocketTimeoutException
                || e instanceof HttpTimeoutException
                || e.getCause() instanceof SocketException
                || e.getCause() instanceof SocketTimeoutException;
    }
}
