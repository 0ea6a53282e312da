package io.tusk.notify;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The events the tests send. */
public final class TestEvents {
    public static final Instant TIME = Instant.parse("2026-12-01T07:59:36Z");
    public static final URI LINK = URI.create("https://tusk.example.com/runs/42");

    private TestEvents() {
    }

    public static NotificationEvent backupFailed() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("Storage", "s3://backups/shop");
        details.put("Duration", "12 s");
        return new NotificationEvent(EventType.BACKUP_FAILED, "shop", TIME,
                "connection to db1.internal:5432 refused <check pg_hba.conf> & retry", details, LINK);
    }

    public static Message backupFailedMessage() {
        return new MessageFormatter().format(backupFailed());
    }
}
