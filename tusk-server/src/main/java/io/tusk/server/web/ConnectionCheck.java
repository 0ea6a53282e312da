package io.tusk.server.web;

import io.tusk.TuskException;
import io.tusk.server.api.ApiException;
import io.tusk.server.database.DatabaseConnections;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The wizard's live connection test: connects as the form says, before anything is saved, and answers the server's
 * version. The engine's connection errors already say what failed and what to check (host, port, password, SSL).
 */
@Component
class ConnectionCheck {
    private final DatabaseConnections connections;

    ConnectionCheck(DatabaseConnections connections) {
        this.connections = connections;
    }

    String serverVersion(WizardDraft d) {
        if (d.host.isBlank()) {
            throw ApiException.badRequest("host", "the host is required: a name or an address such as 127.0.0.1");
        }
        if (d.database.isBlank()) {
            throw ApiException.badRequest("database", "the database name is required");
        }
        if (d.user.isBlank()) {
            throw ApiException.badRequest("user", "the user is required");
        }
        Integer port = Forms.integer(d.port, "port");
        try (Connection c = connections.factory(d.host.trim(), port == null ? 5432 : port, d.database.trim(), d.user.trim(),
                d.password.isEmpty() ? null : d.password, d.sslmode, null).open();
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT current_setting('server_version')")) {
            r.next();
            return r.getString(1);
        } catch (TuskException e) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "connection", e.getMessage());
        } catch (SQLException e) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "connection", "connected, but could not read the server version: " + e.getMessage());
        }
    }
}
