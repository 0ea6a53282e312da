package io.tusk.pipeline.crypto;

import io.tusk.TuskException;

/** A backup that cannot be read back as it was written: each cause has its own kind, message and exit code. */
public class BackupIntegrityException extends TuskException {
    public enum Kind {
        /** The backup is encrypted with another key or passphrase than the one given. */
        WRONG_KEY(3),
        /** The backup is encrypted and no key was given. */
        KEY_REQUIRED(3),
        /** Fewer bytes are stored than were written. */
        TRUNCATED(4),
        /** The stored bytes differ from those written (digest or authentication tag mismatch). */
        ALTERED(4);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }
    }

    private final Kind kind;

    public BackupIntegrityException(Kind kind, String message) {
        this(kind, message, null);
    }

    public BackupIntegrityException(Kind kind, String message, Throwable cause) {
        super(message, cause, kind.exitCode);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
