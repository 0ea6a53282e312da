package io.tusk.server.backup;

import java.time.Instant;
import java.util.Map;

/**
 * A backup the server made, as its manifest describes it; the object and manifest live in the storage.
 * {@code verifiedAt}: when it was last read back in full and checked; {@code verifyError}: why that check failed.
 * {@code sourceDatabase}: the database it is a backup of (one of many when the registration is a whole server).
 */
public record BackupRecord(String backupId, long databaseId, long storageId, Long runId, String objectKey,
                           String manifestKey, Instant startedAt, Instant finishedAt, long archiveBytes,
                           long storedBytes, boolean encrypted, String sha256, String serverVersion,
                           Map<String, Long> tableRows, Instant verifiedAt, String verifyError,
                           String sourceDatabase) {
}
