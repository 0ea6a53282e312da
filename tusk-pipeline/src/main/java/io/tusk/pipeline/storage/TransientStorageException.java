package io.tusk.pipeline.storage;

import java.io.IOException;

/**
 * A failure the server says may pass (HTTP 429 or 5xx, an FTP 4xx reply): {@link Retry} tries the operation again.
 * Its message is already the user's: what failed, where, and the server's answer, without secrets.
 */
class TransientStorageException extends IOException {
    TransientStorageException(String message) {
        super(message);
    }

    TransientStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
