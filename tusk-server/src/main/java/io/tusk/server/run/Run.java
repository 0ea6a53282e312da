package io.tusk.server.run;

import java.time.Instant;

/**
 * A backup or restore run. {@code status}: queued, running, succeeded, failed, cancelled. While running, the
 * progress fields say where it is; {@code etaSeconds} comes from the catalog's size estimates (null when unknown).
 */
public record Run(long id, String kind, long databaseId, Long scheduleId, Instant scheduledFor, String status,
                  String node, Instant queuedAt, Instant startedAt, Instant finishedAt, String backupId,
                  String currentTable, long rowsDone, long bytesDone, long rowsEstimated, long bytesEstimated,
                  Long etaSeconds, boolean cancelRequested, String error, String log) {
    public static final String BACKUP = "backup";
    public static final String RESTORE = "restore";

    public boolean finished() {
        return status.equals("succeeded") || status.equals("failed") || status.equals("cancelled");
    }
}
