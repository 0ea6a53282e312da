package io.tusk.server.notify;

import io.tusk.notify.BackupAnomalyDetector;
import io.tusk.notify.BackupRun;
import io.tusk.notify.NotificationEvent;
import io.tusk.notify.NotificationEvents;
import io.tusk.server.backup.BackupRecord;
import io.tusk.server.backup.BackupRepository;
import io.tusk.server.database.DatabaseRepository;
import io.tusk.server.database.RegisteredDatabase;
import io.tusk.server.run.Run;
import io.tusk.server.storage.StorageRepository;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Turns what happened to runs into notification events: failures, unusual backups, missed slots, retention. */
@Component
public class RunNotifications {
    private static final int HISTORY = 20;
    private final NotificationService notifications;
    private final DatabaseRepository databases;
    private final StorageRepository storages;
    private final BackupRepository backups;
    private final String publicUrl;
    private final BackupAnomalyDetector anomalies = new BackupAnomalyDetector();

    RunNotifications(NotificationService notifications, DatabaseRepository databases, StorageRepository storages,
                     BackupRepository backups, @Value("${tusk.public-url:}") String publicUrl) {
        this.notifications = notifications;
        this.databases = databases;
        this.storages = storages;
        this.backups = backups;
        this.publicUrl = publicUrl;
    }

    public void finished(Run run) {
        if (!run.kind().equals(Run.BACKUP)) {
            return;
        }
        RegisteredDatabase db = databases.find(run.databaseId()).orElse(null);
        if (db == null) {
            return;
        }
        URI link = link(run);
        String storage = db.storageId() == null ? "none" : storages.find(db.storageId()).map(s -> s.name()).orElse("?");
        Instant now = run.finishedAt() == null ? Instant.now() : run.finishedAt();
        if (run.status().equals("failed")) {
            notifications.publish(NotificationEvents.backupFailed(db.name(), now, run.error(), storage, link), db.id());
        } else if (run.status().equals("succeeded") && run.backupId() != null) {
            BackupRecord made = backups.find(run.backupId()).orElse(null);
            if (made == null) {
                return;
            }
            BackupRun current = new BackupRun(Duration.between(made.startedAt(), made.finishedAt()), made.storedBytes());
            notifications.publish(NotificationEvents.backupSucceeded(db.name(), now, current.duration(), current.sizeBytes(), storage, link), db.id());
            List<BackupRun> earlier = new ArrayList<>();
            for (BackupRecord b : backups.list(db.id())) {
                if (!b.backupId().equals(made.backupId()) && earlier.size() < HISTORY) {
                    earlier.add(new BackupRun(Duration.between(b.startedAt(), b.finishedAt()), b.storedBytes()));
                }
            }
            anomalies.check(earlier, current).ifPresent(a -> notifications.publish(a.toEvent(db.name(), now, link), db.id()));
        }
    }

    public void missed(long databaseId, Instant slot, String schedule) {
        databases.find(databaseId).ifPresent(db -> notifications.publish(
                NotificationEvents.backupMissed(db.name(), Instant.now(), slot, schedule, NotificationService.link(publicUrl, "/")), db.id()));
    }

    public void retention(RegisteredDatabase db, int deleted, long freedBytes, int kept) {
        if (deleted > 0) {
            NotificationEvent e = NotificationEvents.retentionDeleted(db.name(), Instant.now(), deleted, freedBytes, kept,
                    NotificationService.link(publicUrl, "/"));
            notifications.publish(e, db.id());
        }
    }

    private URI link(Run run) {
        return NotificationService.link(publicUrl, "/runs/" + run.id());
    }
}
