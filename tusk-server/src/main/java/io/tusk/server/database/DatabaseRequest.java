package io.tusk.server.database;

import io.tusk.server.retention.RetentionPolicy;

/**
 * A database to register or change. On update, a password left out keeps the stored one; "" removes it. The
 * workspace is chosen when the database is registered ({@code workspaceId}, by default the user's only one) and
 * ignored on update.
 */
public record DatabaseRequest(String name, String host, Integer port, String database, String user, String password,
                              String sslmode, String sslrootcert, Long storageId, String compression, Boolean encrypted,
                              Selection selection, RetentionPolicy retention, Long workspaceId) {
    /** Without the password: Spring MVC logs request bodies at DEBUG, and a secret must never reach a log. */
    @Override
    public String toString() {
        return "DatabaseRequest[name=" + name + ", host=" + host + ", port=" + port + ", database=" + database + ", user=" + user
                + ", password=" + (password == null ? "(unchanged)" : "(given)") + ", storageId=" + storageId + ", workspaceId=" + workspaceId + "]";
    }
}
