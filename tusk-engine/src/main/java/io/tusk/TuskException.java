package io.tusk;

/**
 * A failure to report to the user in one line: what happened and what to do. The command line prints the message
 * without a stack trace (unless verbose) and exits with {@link #exitCode()}.
 */
public class TuskException extends RuntimeException {
    private final int exitCode;

    public TuskException(String message) {
        this(message, null);
    }

    public TuskException(String message, Throwable cause) {
        this(message, cause, 1);
    }

    public TuskException(String message, Throwable cause, int exitCode) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
