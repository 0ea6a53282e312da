package io.tusk.notify;

import java.time.Duration;
import java.util.Optional;

/**
 * A message could not be delivered. The message names the channel and the destination host, the HTTP status or SMTP
 * reply and the service's error text; it never holds a token, password or webhook URL.
 */
public class NotifierException extends Exception {
    private final boolean retryable;
    private final Duration retryAfter;

    /**
     * @param retryable  false when trying again cannot help (a refused token, an unknown chat): the dispatcher gives
     *                   up at once
     * @param retryAfter how long the service asked to wait (HTTP 429 Retry-After), or null
     */
    public NotifierException(String message, boolean retryable, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public NotifierException(String message, boolean retryable) {
        this(message, retryable, null, null);
    }

    public boolean retryable() {
        return retryable;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
