package io.tusk.server.database;

import io.tusk.connect.ConnectEnvironment;
import io.tusk.connect.ConnectOptions;
import io.tusk.connect.ConnectionFactory;
import io.tusk.connect.ConnectionSpec;
import io.tusk.connect.PasswordPrompt;
import io.tusk.server.DataDirectory;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Connections to registered databases through the engine's libpq rules, but with nothing taken from the server's
 * own environment: no PG* variables, no ~/.pgpass of the account the server runs as, never a prompt.
 */
@Component
public class DatabaseConnections {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseConnections.class);
    private final DataDirectory dataDirectory;

    DatabaseConnections(DataDirectory dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    public ConnectionFactory factory(String host, int port, String database, String user, String password,
                                     String sslmode, String sslrootcert) {
        StringBuilder conninfo = new StringBuilder();
        append(conninfo, "host", host);
        append(conninfo, "port", Integer.toString(port));
        append(conninfo, "dbname", database);
        append(conninfo, "user", user);
        append(conninfo, "password", password);
        append(conninfo, "sslmode", sslmode);
        append(conninfo, "sslrootcert", sslrootcert);
        append(conninfo, "application_name", "tusk-server");
        append(conninfo, "connect_timeout", "10");
        ConnectEnvironment isolated = new ConnectEnvironment(Map.of(), dataDirectory.root(), "tusk", LOG::warn);
        return new ConnectionFactory(ConnectionSpec.resolve(ConnectOptions.database(conninfo.toString()), isolated), PasswordPrompt.NEVER);
    }

    private static void append(StringBuilder conninfo, String keyword, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        conninfo.append(keyword).append("='").append(value.replace("\\", "\\\\").replace("'", "\\'")).append("' ");
    }
}
