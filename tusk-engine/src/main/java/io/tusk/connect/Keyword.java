package io.tusk.connect;

import io.tusk.TuskException;
import java.util.Map;
import java.util.Set;

/**
 * The libpq connection keywords: those Tusk honours, each with its environment variable, and the rest, which
 * are refused rather than silently ignored because each changes where or how libpq would connect.
 */
final class Keyword {
    static final String HOST = "host";
    static final String PORT = "port";
    static final String USER = "user";
    static final String PASSWORD = "password";
    static final String DBNAME = "dbname";
    static final String PASSFILE = "passfile";
    static final String CONNECT_TIMEOUT = "connect_timeout";
    static final String APPLICATION_NAME = "application_name";
    static final String FALLBACK_APPLICATION_NAME = "fallback_application_name";
    static final String OPTIONS = "options";
    static final String SSLMODE = "sslmode";
    static final String SSLROOTCERT = "sslrootcert";
    static final String SSLCERT = "sslcert";
    static final String SSLKEY = "sslkey";
    static final String SSLPASSWORD = "sslpassword";

    /** Supported keywords and the variable libpq takes as their default; null where libpq reads none. */
    static final Map<String, String> ENVIRONMENT = Map.ofEntries(
            Map.entry(HOST, "PGHOST"),
            Map.entry(PORT, "PGPORT"),
            Map.entry(USER, "PGUSER"),
            Map.entry(PASSWORD, "PGPASSWORD"),
            Map.entry(DBNAME, "PGDATABASE"),
            Map.entry(PASSFILE, "PGPASSFILE"),
            Map.entry(CONNECT_TIMEOUT, "PGCONNECT_TIMEOUT"),
            Map.entry(APPLICATION_NAME, "PGAPPNAME"),
            Map.entry(OPTIONS, "PGOPTIONS"),
            Map.entry(SSLMODE, "PGSSLMODE"),
            Map.entry(SSLROOTCERT, "PGSSLROOTCERT"),
            Map.entry(SSLCERT, "PGSSLCERT"),
            Map.entry(SSLKEY, "PGSSLKEY"));

    private static final Set<String> SUPPORTED_WITHOUT_ENVIRONMENT = Set.of(FALLBACK_APPLICATION_NAME, SSLPASSWORD);

    /** Known to libpq 18 but not to Tusk (pgjdbc has no equivalent, or it would need a second code path). */
    private static final Set<String> UNSUPPORTED = Set.of("hostaddr", "service", "require_auth", "channel_binding",
            "client_encoding", "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count",
            "tcp_user_timeout", "replication", "gssencmode", "requiressl", "sslnegotiation", "sslcompression",
            "sslcertmode", "sslcrl", "sslcrldir", "sslsni", "requirepeer", "ssl_min_protocol_version",
            "ssl_max_protocol_version", "krbsrvname", "gsslib", "gssdelegation", "target_session_attrs",
            "load_balance_hosts", "min_protocol_version", "max_protocol_version", "scram_client_key",
            "scram_server_key", "oauth_issuer", "oauth_client_id", "oauth_client_secret", "oauth_scope");

    private Keyword() {
    }

    static boolean isLibpqKeyword(String keyword) {
        return isSupported(keyword) || UNSUPPORTED.contains(keyword);
    }

    static boolean isSupported(String keyword) {
        return ENVIRONMENT.containsKey(keyword) || SUPPORTED_WITHOUT_ENVIRONMENT.contains(keyword);
    }

    static void requireSupported(String keyword) {
        if (UNSUPPORTED.contains(keyword)) {
            throw new TuskException("connection option \"" + keyword + "\" is not supported by Tusk: remove it from"
                    + " the connection string");
        }
        if (!isSupported(keyword)) {
            throw new TuskException("invalid connection option \"" + keyword + "\"");
        }
    }
}
