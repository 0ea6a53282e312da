package io.tusk.server.database;

import io.tusk.notify.ReachabilityTracker;
import io.tusk.server.notify.NotificationService;
import java.sql.Connection;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Connects to every registered database now and then (db-scheduler's "tusk-health" task, on one server at a time),
 * so an unreachable database is reported before its next backup fails, and again when it answers.
 */
@Component
public class HealthCheck {
    private static final Logger LOG = LoggerFactory.getLogger(HealthCheck.class);
    private final DatabaseService databases;
    private final NotificationService notifications;
    private final ReachabilityTracker tracker = new ReachabilityTracker();
    private final Map<Long, String> lastError = new ConcurrentHashMap<>();

    HealthCheck(DatabaseService databases, NotificationService notifications) {
        this.databases = databases;
        this.notifications = notifications;
    }

    public void checkAll() {
        for (RegisteredDatabase d : databases.repository().list()) {
            try (Connection c = databases.connect(d).open()) {
                c.isValid(10);
                lastError.remove(d.id());
                tracker.succeeded(d.name(), Instant.now(), null).ifPresent(e -> notifications.publish(e, d.id()));
            } catch (java.sql.SQLException | RuntimeException e) {
                LOG.info("health check of {} failed: {}", d.name(), e.getMessage());
                lastError.put(d.id(), e.getMessage());
                tracker.failed(d.name(), Instant.now(), e.getMessage(), null).ifPresent(ev -> notifications.publish(ev, d.id()));
            }
        }
    }

    /** The last check's error for the database, or null when it answered (or was not checked yet). */
    public String lastError(long databaseId) {
        return lastError.get(databaseId);
    }
}
