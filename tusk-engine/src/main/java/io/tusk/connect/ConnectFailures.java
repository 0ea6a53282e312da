package io.tusk.connect;

import io.tusk.TuskException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import javax.net.ssl.SSLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns pgjdbc's connection failures into one line saying what failed and what to do, keeping the original as
 * the cause. Decides on SQLSTATE and exception classes, never on message text, which pgjdbc and the server
 * translate.
 */
final class ConnectFailures {
    private ConnectFailures() {
    }

    static TuskException translate(SQLException failure, ConnectionSpec spec) {
        String server = spec.server();
        ServerErrorMessage fromServer = failure instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        if (fromServer != null) {
            return new TuskException(serverRefusal(fromServer, spec), failure);
        }
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return new TuskException("could not translate host name \"" + spec.host() + "\" to an address: check"
                        + " the host name (-h, PGHOST or host= in the connection string)", failure);
            }
            if (cause instanceof ConnectException) {
                return new TuskException("connection to " + server + " refused: is the server running on that host"
                        + " and accepting TCP/IP connections?", failure);
            }
            if (cause instanceof NoRouteToHostException) {
                return new TuskException("no route to host " + server + ": check the host name and the network",
                        failure);
            }
            if (cause instanceof SocketTimeoutException) {
                return new TuskException("connection to " + server + " timed out" + timeout(spec) + ": check the host,"
                        + " port and firewall, or raise connect_timeout", failure);
            }
            if (cause instanceof SSLException) {
                return new TuskException("SSL connection to " + server + " failed: " + cause.getMessage()
                        + ": check sslmode (\"" + spec.sslmode() + "\") and the certificates (sslrootcert, sslcert,"
                        + " sslkey)", failure);
            }
        }
        return new TuskException("connection to " + server + " failed: " + failure.getMessage(), failure);
    }

    private static String serverRefusal(ServerErrorMessage error, ConnectionSpec spec) {
        String server = spec.server();
        String state = String.valueOf(error.getSQLState());
        switch (state) {
            case "28P01":
                return "password authentication failed for user \"" + spec.user() + "\" on " + server
                        + " (password from " + spec.sourceOf(Keyword.PASSWORD) + "): check the password"
                        + " (PGPASSWORD, ~/.pgpass or -W)";
            case "3D000":
                return "database \"" + spec.database() + "\" does not exist on " + server + ": check the database"
                        + " name (-d or PGDATABASE)";
            case "28000":
                // the backend raises "role does not exist" from InitializeSessionUserId; others are pg_hba.conf's
                if ("InitializeSessionUserId".equals(error.getRoutine())) {
                    return "role \"" + spec.user() + "\" does not exist on " + server + ": check the user name"
                            + " (-U or PGUSER)";
                }
                return "server " + server + " rejected the connection: " + error.getMessage()
                        + ": check pg_hba.conf on the server, or the user and sslmode";
            case "53300":
                return "server " + server + " has no free connection slots: " + error.getMessage()
                        + ": retry later or raise max_connections";
            case "57P03":
                return "server " + server + " is not accepting connections now: " + error.getMessage();
            case "42501":
                return "user \"" + spec.user() + "\" may not connect to database \"" + spec.database() + "\" on "
                        + server + ": " + error.getMessage();
            default:
                return "connection to " + server + " failed: " + error.getMessage() + " (SQLSTATE " + state + ")";
        }
    }

    private static String timeout(ConnectionSpec spec) {
        return spec.connectTimeoutSeconds().isPresent()
                ? " after " + spec.connectTimeoutSeconds().getAsInt() + " s"
                : "";
    }
}
