package io.tusk.notify;

/**
 * What a notification is about. Each type carries its severity (which colours and priorities the channels use) and
 * whether a newly configured channel receives it before the user changes anything.
 */
public enum EventType {
    BACKUP_SUCCEEDED("Backup succeeded", Severity.OK, false),
    BACKUP_FAILED("Backup failed", Severity.FAILURE, true),
    /** A run took much longer or came out much smaller than the recent ones ({@link BackupAnomalyDetector}). */
    BACKUP_ANOMALY("Backup looks unusual", Severity.WARNING, true),
    BACKUP_MISSED("Scheduled backup missed", Severity.FAILURE, true),
    TEST_RESTORE_FAILED("Test restore failed", Severity.FAILURE, true),
    DATABASE_UNREACHABLE("Database unreachable", Severity.FAILURE, true),
    DATABASE_RECOVERED("Database reachable again", Severity.OK, true),
    /** A storage that fails writes or reads, or is nearly full ("Storage problem": both fit). */
    STORAGE_FAILING("Storage problem", Severity.WARNING, true),
    /** A summary of what one retention run deleted. */
    RETENTION_DELETED("Retention deleted backups", Severity.INFO, true),
    /** The "send test" action of a channel; never subscribed to, sent only on request. */
    TEST("Test notification", Severity.INFO, false);

    /** How bad it is; each channel maps it to its colour, style or priority. */
    public enum Severity { OK, INFO, WARNING, FAILURE }

    private final String label;
    private final Severity severity;
    private final boolean defaultEnabled;

    EventType(String label, Severity severity, boolean defaultEnabled) {
        this.label = label;
        this.severity = severity;
        this.defaultEnabled = defaultEnabled;
    }

    /** Human words for titles: "Backup failed". */
    public String label() {
        return label;
    }

    public Severity severity() {
        return severity;
    }

    /** Whether a new channel subscribes to it: every event except a successful backup (too noisy) and the test. */
    public boolean defaultEnabled() {
        return defaultEnabled;
    }

    /** The lower-case name used in JSON bodies and configuration: {@code backup_failed}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
