package io.tusk.connect;

/** When to ask for a password on the terminal: pg_dump's {@code -w}, {@code -W} and its default. */
public enum PasswordPrompt {
    /** {@code -w}: never ask; fail if the server demands a password that is not known. */
    NEVER,
    /** {@code -W}: ask before connecting, even if the server might not need it. */
    ALWAYS,
    /** Neither flag: ask only when the server demands a password and none is known. */
    WHEN_REQUIRED
}
