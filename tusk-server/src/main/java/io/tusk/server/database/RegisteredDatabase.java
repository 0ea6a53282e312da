package io.tusk.server.database;

import io.tusk.server.retention.RetentionPolicy;
import java.time.Instant;

/**
 * A database the server backs up (or, with {@code database} "*", every database of a server), with its backup policy.
 * The password and the backup key are never part of it: {@code passwordSet} and {@code encrypted} say whether they
 * exist. It belongs to one workspace, for good.
 */
public record RegisteredDatabase(long id, String name, String host, int port, String database, String user,
                                 boolean passwordSet, String sslmode, String sslrootcert, String serverVersion,
                                 Long storageId, String compression, boolean encrypted, Selection selection,
                                 RetentionPolicy retention, Instant createdAt, long workspaceId) {
    /** A registration of a whole server: {@code database} is "*", and each backup run takes every database on it. */
    public static final String ALL_DATABASES = "*";

    public boolean wholeServer() {
        return ALL_DATABASES.equals(database);
    }
}
