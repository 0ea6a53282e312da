package io.tusk.notify;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The events the server sends, built alike everywhere: the same summary wording and the same detail labels, so
 * messages and webhook bodies look the same whichever part of the server raised them. Sizes are in bytes, storages
 * are given by their secret-free location ({@code Storage.location()}).
 */
public final class NotificationEvents {
    private NotificationEvents() {
    }

    public static NotificationEvent backupSucceeded(String database, Instant time, Duration duration, long sizeBytes,
                                                    String storage, URI link) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("Duration", Units.duration(duration.toMillis()));
        details.put("Size", Units.size(sizeBytes));
        details.put("Storage", storage);
        return new NotificationEvent(EventType.BACKUP_SUCCEEDED, database, time, "Backup completed", details, link);
    }

    public static NotificationEvent backupFailed(String database, Instant time, String error, String storage,
                                                 URI link) {
        return new NotificationEvent(EventType.BACKUP_FAILED, database, time, error, Map.of("Storage", storage), link);
    }

    /** A run that should have started at {@code scheduledAt} and did not (the server down, a run still going). */
    public static NotificationEvent backupMissed(String database, Instant time, Instant scheduledAt, String schedule,
                                                 URI link) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("Scheduled for", scheduledAt.toString());
        details.put("Schedule", schedule);
        return new NotificationEvent(EventType.BACKUP_MISSED, database, time,
                "The backup scheduled for " + scheduledAt + " did not run", details, link);
    }

    public static NotificationEvent testRestoreFailed(String database, Instant time, String backupId, String error,
                                                      URI link) {
        return new NotificationEvent(EventType.TEST_RESTORE_FAILED, database, time, error, Map.of("Backup", backupId),
                link);
    }

    public static NotificationEvent storageFailing(String storage, Instant time, String error, URI link) {
        return new NotificationEvent(EventType.STORAGE_FAILING, null, time, error, Map.of("Storage", storage), link);
    }

    public static NotificationEvent storageNearlyFull(String storage, Instant time, long usedBytes, long totalBytes,
                                                      URI link) {
        long percent = totalBytes <= 0 ? 100 : Math.round(100.0 * usedBytes / totalBytes);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("Storage", storage);
        details.put("Used", Units.size(usedBytes) + " of " + Units.size(totalBytes));
        return new NotificationEvent(EventType.STORAGE_FAILING, null, time,
                "Storage is " + percent + "% full, " + Units.size(Math.max(0, totalBytes - usedBytes))
                        + " free", details, link);
    }

    /** One retention run's summary for one database. */
    public static NotificationEvent retentionDeleted(String database, Instant time, int deleted, long freedBytes,
                                                     int kept, URI link) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("Deleted", Integer.toString(deleted));
        details.put("Freed", Units.size(freedBytes));
        details.put("Kept", Integer.toString(kept));
        return new NotificationEvent(EventType.RETENTION_DELETED, database, time, "Retention deleted " + deleted
                + (deleted == 1 ? " backup" : " backups") + ", freeing " + Units.size(freedBytes)
                + "; " + kept + " kept", details, link);
    }
}
