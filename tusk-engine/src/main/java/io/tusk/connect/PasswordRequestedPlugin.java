package io.tusk.connect;

import org.postgresql.plugin.AuthenticationPlugin;
import org.postgresql.plugin.AuthenticationRequestType;
import org.postgresql.util.PSQLException;

/**
 * Installed as pgjdbc's {@code authenticationPluginClassName} when no password is known. pgjdbc calls it only
 * when the server demands a password (never under trust), so its exception tells that case apart from every
 * other failure without reading pgjdbc's translated messages. It also keeps pgjdbc from reading
 * {@code ~/.pgpass} on its own, which Tusk has already done with libpq's rules. Public for pgjdbc's reflection;
 * not API.
 */
public final class PasswordRequestedPlugin implements AuthenticationPlugin {
    @Override
    public char[] getPassword(AuthenticationRequestType type) throws PSQLException {
        throw new PasswordRequiredException();
    }
}
