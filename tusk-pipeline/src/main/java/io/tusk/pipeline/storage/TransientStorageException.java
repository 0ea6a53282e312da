package io.tusk.pipeline.storage;

import java.io.IOException;
import java.time.Duration;

/**
 * A failure the server says may pass (HTTP 429 or 5xx, an FTP 4xx reply): {@link Retry} tries the operation again.
 * Its message is already the user's: what failed, where, and the server's answer, without secrets.
 */
class TransientStorageException extends IOException {
    /** How long the server asked to wait (HTTP Retry-After), or null. */
    private final transient Duration retryAfter;

    TransientStorageException(String message) {
        this(message, (Duration) null);
    }

    TransientStorageException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }

    TransientStorageException(String message, Throwable cause) {
        super(message, cause);
        this.retryAfter = null;
    }
}
