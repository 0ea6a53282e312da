package io.tusk.connect;

import io.tusk.TuskException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;
import org.postgresql.Driver;
import org.postgresql.PGProperty;

/**
 * Opens pgjdbc connections for a {@link ConnectionSpec}, asking for the password as pg_dump does, and refuses
 * servers Tusk does not support. A password typed once is kept for the next {@link #open()}, so parallel
 * workers connect without asking again.
 *
 * <pre>{@code
 * ConnectionSpec spec = ConnectionSpec.resolve(new ConnectOptions(host, port, user, dbname), ConnectEnvironment.system());
 * try (Connection c = new ConnectionFactory(spec, PasswordPrompt.WHEN_REQUIRED).open()) { ... }
 * }</pre>
 */
public final class ConnectionFactory {
    private final PasswordPrompt prompt;
    private final PasswordReader passwordReader;
    private ConnectionSpec spec;
    private boolean prompted;

    public ConnectionFactory(ConnectionSpec spec, PasswordPrompt prompt) {
        this(spec, prompt, PasswordReader.console());
    }

    public ConnectionFactory(ConnectionSpec spec, PasswordPrompt prompt, PasswordReader passwordReader) {
        this.spec = spec;
        this.prompt = prompt;
        this.passwordReader = passwordReader;
    }

    /** Connections to another database of the same server, with the same credentials (and any password typed). */
    public synchronized ConnectionFactory forDatabase(String database) {
        ConnectionFactory other = new ConnectionFactory(spec.withDatabase(database), prompt, passwordReader);
        other.prompted = prompted;
        return other;
    }

    /** The spec connected with, including a password typed at the prompt. */
    public synchronized ConnectionSpec spec() {
        return spec;
    }

    /**
     * A new connection, on a server of a supported version.
     *
     * @throws TuskException with one line saying what failed and what to do
     */
    public synchronized Connection open() {
        // pg_dump -W asks before connecting; a password in the connection string still wins, as in libpq
        if (prompt == PasswordPrompt.ALWAYS && !prompted
                && !"the connection string".equals(spec.sourceOf(Keyword.PASSWORD))) {
            askPassword();
        }
        Connection connection;
        try {
            connection = connect();
        } catch (PasswordRequiredException e) {
            if (prompt == PasswordPrompt.NEVER || prompted) {
                throw new TuskException("password required for user \"" + spec.user() + "\" on " + spec.server()
                        + " but none was given" + (prompt == PasswordPrompt.NEVER ? " and -w forbids asking" : "")
                        + ": set PGPASSWORD, add it to ~/.pgpass or use -W", e);
            }
            askPassword();
            try {
                connection = connect();
            } catch (SQLException again) {
                throw ConnectFailures.translate(again, spec);
            }
        } catch (SQLException e) {
            throw ConnectFailures.translate(e, spec);
        }
        requireSupportedServer(connection);
        return connection;
    }

    private void askPassword() {
        char[] typed = passwordReader.readPassword("Password for user " + spec.user() + ": ");
        if (typed == null) {
            throw new TuskException("password required for user \"" + spec.user() + "\" on " + spec.server()
                    + " but there is no terminal to ask on: set PGPASSWORD or add it to ~/.pgpass");
        }
        spec = spec.withPromptedPassword(new String(typed));
        Arrays.fill(typed, '\0');
        prompted = true;
    }

    private Connection connect() throws SQLException {
        Connection connection = new Driver().connect(jdbcUrl(spec), jdbcProperties(spec));
        if (connection == null) {
            throw new IllegalStateException("pgjdbc refused its own URL " + jdbcUrl(spec));
        }
        return connection;
    }

    private void requireSupportedServer(Connection connection) {
        try {
            requireSupported(ServerVersion.of(connection), spec.server());
        } catch (SQLException e) {
            closeQuietly(connection, e);
            throw ConnectFailures.translate(e, spec);
        } catch (RuntimeException e) {
            closeQuietly(connection, e);
            throw e;
        }
    }

    private static void closeQuietly(Connection connection, Exception failure) {
        try {
            connection.close();
        } catch (SQLException suppressed) {
            failure.addSuppressed(suppressed);
        }
    }

    static void requireSupported(ServerVersion version, String server) {
        if (!version.isSupported()) {
            throw new TuskException("server version " + version + " on " + server + " is not supported: Tusk supports"
                    + " PostgreSQL " + ServerVersion.OLDEST_SUPPORTED.major() + " to "
                    + ServerVersion.NEWEST_SUPPORTED.major());
        }
    }

    static String jdbcUrl(ConnectionSpec spec) {
        return "jdbc:postgresql://" + spec.server() + "/" + urlEncode(spec.database());
    }

    static Properties jdbcProperties(ConnectionSpec spec) {
        Properties properties = new Properties();
        PGProperty.USER.set(properties, spec.user());
        if (spec.password().isPresent()) {
            PGProperty.PASSWORD.set(properties, spec.password().get());
        } else {
            PGProperty.AUTHENTICATION_PLUGIN_CLASS_NAME.set(properties, PasswordRequestedPlugin.class.getName());
        }
        PGProperty.APPLICATION_NAME.set(properties, spec.applicationName());
        // pgjdbc's sslmode takes libpq's six values with the same meaning
        PGProperty.SSL_MODE.set(properties, spec.sslmode());
        spec.sslrootcert().ifPresent(v -> PGProperty.SSL_ROOT_CERT.set(properties, v));
        spec.sslcert().ifPresent(v -> PGProperty.SSL_CERT.set(properties, v));
        spec.sslkey().ifPresent(v -> PGProperty.SSL_KEY.set(properties, v));
        spec.sslpassword().ifPresent(v -> PGProperty.SSL_PASSWORD.set(properties, v));
        spec.options().ifPresent(v -> PGProperty.OPTIONS.set(properties, v));
        spec.connectTimeoutSeconds().ifPresent(seconds -> PGProperty.CONNECT_TIMEOUT.set(properties, seconds));
        return properties;
    }

    /** pgjdbc URL-decodes the database name in the URL path. */
    private static String urlEncode(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }
}
