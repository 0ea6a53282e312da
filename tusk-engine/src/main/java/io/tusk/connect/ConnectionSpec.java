package io.tusk.connect;

import static io.tusk.connect.Keyword.*;

import io.tusk.TuskException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Where and as whom to connect, resolved as libpq resolves it, each value from the first place that has it:
 * <ol>
 *   <li>the database argument when it is a connection string (URI or {@code key=value}): pg_dump hands it to
 *       libpq after {@code -h}/{@code -p}/{@code -U}, so its values win over theirs;</li>
 *   <li>{@code -h}, {@code -p}, {@code -U}, or the database argument as a plain name;</li>
 *   <li>the environment: {@code PGHOST}, {@code PGPORT}, {@code PGUSER}, {@code PGPASSWORD}, {@code PGDATABASE},
 *       {@code PGSSLMODE}... (see {@link Keyword#ENVIRONMENT});</li>
 *   <li>the defaults: localhost, 5432, the operating system user, a database named as the user;</li>
 *   <li>and for the password only, the password file ({@code passfile}, {@code PGPASSFILE} or {@code ~/.pgpass}).</li>
 * </ol>
 * A connection string given as {@code dbname} inside a connection string is not expanded again, as in libpq.
 * Unix-domain sockets (a host starting with {@code /}) and several hosts are refused: pgjdbc connects over TCP
 * to one host.
 */
public final class ConnectionSpec {
    static final String DEFAULT_HOST = "localhost";
    static final int DEFAULT_PORT = 5432;
    static final String FALLBACK_APPLICATION = "tusk";
    private static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca",
            "verify-full");

    private final Map<String, String> values;
    private final Map<String, String> sources;

    private ConnectionSpec(Map<String, String> values, Map<String, String> sources) {
        this.values = values;
        this.sources = sources;
    }

    public static ConnectionSpec resolve(ConnectOptions options, ConnectEnvironment environment) {
        Map<String, String> values = new HashMap<>();
        Map<String, String> sources = new HashMap<>();
        put(values, sources, HOST, options.host(), "-h");
        put(values, sources, PORT, options.port(), "-p");
        put(values, sources, USER, options.user(), "-U");
        String database = options.database();
        if (database != null && ConnectionString.isConnectionString(database)) {
            ConnectionString.parse(database).forEach((keyword, value) -> {
                values.remove(keyword);
                put(values, sources, keyword, value, "the connection string");
            });
        } else {
            put(values, sources, DBNAME, database, "-d");
        }
        ENVIRONMENT.forEach((keyword, variable) -> {
            if (!values.containsKey(keyword)) {
                put(values, sources, keyword, environment.variable(variable), variable);
            }
        });
        put(values, sources, HOST, DEFAULT_HOST, "the default");
        put(values, sources, PORT, Integer.toString(DEFAULT_PORT), "the default");
        put(values, sources, USER, environment.osUserName(), "the operating system user");
        put(values, sources, DBNAME, values.get(USER), "the user name");
        put(values, sources, SSLMODE, "prefer", "the default");

        ConnectionSpec spec = new ConnectionSpec(values, sources);
        spec.validate();
        if (!values.containsKey(PASSWORD)) {
            Path passFile = values.containsKey(PASSFILE)
                    ? Path.of(values.get(PASSFILE))
                    : environment.homeDirectory().resolve(".pgpass");
            PassFile.lookup(passFile, spec.host(), spec.port(), spec.database(), spec.user(), environment.warnings())
                    .ifPresent(password -> put(values, sources, PASSWORD, password, passFile.toString()));
        }
        return spec;
    }

    /** Sets the value unless one is already there; null and empty values count as not given, as in libpq. */
    private static void put(Map<String, String> values, Map<String, String> sources, String keyword, String value,
                            String source) {
        if (value != null && !value.isEmpty() && !values.containsKey(keyword)) {
            values.put(keyword, value);
            sources.put(keyword, source);
        }
    }

    private void validate() {
        String host = host();
        if (host.startsWith("/") || host.startsWith("@")) {
            throw new TuskException("Unix-domain socket \"" + host + "\" (from " + sourceOf(HOST) + ") is not supported:"
                    + " Tusk connects over TCP/IP; use -h 127.0.0.1 or a host name");
        }
        if (host.contains(",") || values.get(PORT).contains(",")) {
            throw new TuskException("several hosts or ports (\"" + host + "\" port \"" + values.get(PORT) + "\", from "
                    + sourceOf(HOST) + ") are not supported: name one host and one port");
        }
        int port = parseInt(PORT, values.get(PORT));
        if (port < 1 || port > 65535) {
            throw new TuskException("invalid port number: \"" + values.get(PORT) + "\" (from " + sourceOf(PORT) + ")");
        }
        if (!SSL_MODES.contains(sslmode())) {
            throw new TuskException("invalid sslmode value: \"" + sslmode() + "\" (from " + sourceOf(SSLMODE)
                    + "): use one of disable, allow, prefer, require, verify-ca, verify-full");
        }
        if (values.containsKey(CONNECT_TIMEOUT)) {
            parseInt(CONNECT_TIMEOUT, values.get(CONNECT_TIMEOUT));
        }
    }

    private int parseInt(String keyword, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new TuskException("invalid integer value \"" + value + "\" for connection option \"" + keyword
                    + "\" (from " + sourceOf(keyword) + ")");
        }
    }

    /**
     * The same server and credentials, another database: where pg_restore --create goes after CREATE DATABASE.
     * The password file is not consulted again; a password already known is kept.
     */
    public ConnectionSpec withDatabase(String database) {
        Map<String, String> newValues = new HashMap<>(values);
        Map<String, String> newSources = new HashMap<>(sources);
        newValues.put(DBNAME, database);
        newSources.put(DBNAME, "the archive");
        return new ConnectionSpec(newValues, newSources);
    }

    /** A copy with a password typed by the user. */
    ConnectionSpec withPromptedPassword(String password) {
        Map<String, String> newValues = new HashMap<>(values);
        Map<String, String> newSources = new HashMap<>(sources);
        newValues.put(PASSWORD, password);
        newSources.put(PASSWORD, "the prompt");
        return new ConnectionSpec(newValues, newSources);
    }

    public String host() {
        return values.get(HOST);
    }

    public int port() {
        return Integer.parseInt(values.get(PORT).trim());
    }

    public String user() {
        return values.get(USER);
    }

    public String database() {
        return values.get(DBNAME);
    }

    public Optional<String> password() {
        return Optional.ofNullable(values.get(PASSWORD));
    }

    /** disable, allow, prefer (the default), require, verify-ca or verify-full, with libpq's meaning. */
    public String sslmode() {
        return values.get(SSLMODE);
    }

    public Optional<String> sslrootcert() {
        return Optional.ofNullable(values.get(SSLROOTCERT));
    }

    public Optional<String> sslcert() {
        return Optional.ofNullable(values.get(SSLCERT));
    }

    public Optional<String> sslkey() {
        return Optional.ofNullable(values.get(SSLKEY));
    }

    Optional<String> sslpassword() {
        return Optional.ofNullable(values.get(SSLPASSWORD));
    }

    /** Server options sent at startup, such as {@code -c search_path=x}. */
    public Optional<String> options() {
        return Optional.ofNullable(values.get(OPTIONS));
    }

    /** application_name, else fallback_application_name, else {@code tusk}. */
    public String applicationName() {
        return values.getOrDefault(APPLICATION_NAME, values.getOrDefault(FALLBACK_APPLICATION_NAME,
                FALLBACK_APPLICATION));
    }

    /** Seconds to wait for the connection; 0 waits forever. As in libpq, 1 counts as 2. */
    public OptionalInt connectTimeoutSeconds() {
        if (!values.containsKey(CONNECT_TIMEOUT)) {
            return OptionalInt.empty();
        }
        int seconds = Math.max(0, Integer.parseInt(values.get(CONNECT_TIMEOUT).trim()));
        return OptionalInt.of(seconds == 1 ? 2 : seconds);
    }

    /** Where a value came from, for messages: {@code -h}, {@code PGHOST}, {@code /home/bob/.pgpass}... */
    public String sourceOf(String keyword) {
        return sources.getOrDefault(keyword, "nowhere");
    }

    /** {@code host:port}, IPv6 addresses in brackets: {@code [::1]:5432}. */
    public String server() {
        return (host().contains(":") ? "[" + host() + "]" : host()) + ":" + port();
    }

    @Override
    public String toString() {
        return "user \"" + user() + "\" database \"" + database() + "\" on " + server();
    }
}
