package io.tusk.connect;

import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * The server asked for a password and none was known: libpq's {@code PQconnectionNeedsPassword}. Thrown from
 * inside pgjdbc's authentication by {@link PasswordRequestedPlugin}, so it reaches the caller as is.
 */
final class PasswordRequiredException extends PSQLException {
    PasswordRequiredException() {
        super("the server requested a password, but none was given", PSQLState.CONNECTION_REJECTED);
    }
}
