package io.tusk.connect;

/**
 * The connection options of the command line, as given: {@code -h}, {@code -p}, {@code -U} and the database
 * argument ({@code -d}), which may be a plain name or a connection string. Null or empty means not given.
 * A connection string's values win over {@code -h}/{@code -p}/{@code -U}, as in pg_dump, which passes the
 * options to libpq before the expanded {@code dbname}.
 */
public record ConnectOptions(String host, String port, String user, String database) {
    public static ConnectOptions none() {
        return new ConnectOptions(null, null, null, null);
    }

    public static ConnectOptions database(String databaseOrConnectionString) {
        return new ConnectOptions(null, null, null, databaseOrConnectionString);
    }
}
