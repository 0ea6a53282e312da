package io.tusk.connect;

import java.io.Console;

/** Reads a password typed by the user, without echo. */
@FunctionalInterface
public interface PasswordReader {
    /**
     * @param prompt shown before reading, such as {@code Password for user bob: }
     * @return the password, or null when there is no terminal to ask on (or it was closed)
     */
    char[] readPassword(String prompt);

    /** The JVM's console; none when input or output is redirected. */
    static PasswordReader console() {
        return prompt -> {
            Console console = System.console();
            return console == null ? null : console.readPassword("%s", prompt);
        };
    }
}
