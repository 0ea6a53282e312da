package io.tusk.archive;

import java.io.IOException;

/** The archive is not what it claims to be: truncated, corrupt, or of an unsupported version. */
public class ArchiveFormatException extends IOException {
    public ArchiveFormatException(String message) {
        super(message);
    }

    public ArchiveFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
