package io.tusk.server.run;

import java.util.List;

/**
 * A restore: which backup, into which registered database ({@code targetDatabaseId}), or into a new database
 * {@code newDatabaseName} created on that database's server; and pg_restore's options. {@code create} is
 * pg_restore's -C: the database the backup was made of is created (with {@code clean}, dropped first) on the target's
 * server and restored into.
 */
public record RestoreRequest(String backupId, Long targetDatabaseId, String newDatabaseName, Boolean clean,
                             Boolean ifExists, Boolean schemaOnly, Boolean dataOnly, Boolean noOwner,
                             Boolean noPrivileges, Boolean exitOnError, Boolean singleTransaction,
                             List<String> tables, List<String> schemas, Integer jobs, Boolean create) {
    static boolean on(Boolean b) {
        return Boolean.TRUE.equals(b);
    }
}
