package io.tusk.server.storage;

import io.tusk.notify.NotificationEvents;
import io.tusk.server.notify.NotificationService;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Probes every storage now and then (with the databases' health check): a storage that stops taking writes is
 * reported once, before the next backup fails on it, and a local storage whose disk is nearly full (less than
 * {@link #NEARLY_FULL} free) once too; both again only after they were fine in between.
 */
@Component
public class StorageHealthCheck {
    private static final Logger LOG = LoggerFactory.getLogger(StorageHealthCheck.class);
    static final double NEARLY_FULL = 0.10;
    private final StorageService storages;
    private final NotificationService notifications;
    private final Set<Long> failing = ConcurrentHashMap.newKeySet();
    private final Set<Long> full = ConcurrentHashMap.newKeySet();

    StorageHealthCheck(StorageService storages, NotificationService notifications) {
        this.storages = storages;
        this.notifications = notifications;
    }

    public void checkAll() {
        for (StorageConfig s : storages.repository().list()) {
            try {
                storages.test(s.id());
                failing.remove(s.id());
            } catch (RuntimeException e) {
                LOG.info("storage {} failed its probe: {}", s.name(), e.getMessage());
                if (failing.add(s.id())) {
                    notifications.publishToWorkspace(NotificationEvents.storageFailing(s.name(), Instant.now(), e.getMessage(), null), s.workspaceId());
                }
                continue;
            }
            if (s.type().equals(StorageType.LOCAL.id())) {
                checkSpace(s);
            }
        }
    }

    private void checkSpace(StorageConfig s) {
        try {
            FileStore store = Files.getFileStore(Path.of(s.settings().get("path")));
            long total = store.getTotalSpace();
            long usable = store.getUsableSpace();
            if (total > 0 && usable < total * NEARLY_FULL) {
                if (full.add(s.id())) {
                    notifications.publishToWorkspace(NotificationEvents.storageNearlyFull(s.name(), Instant.now(), total - usable, total, null),
                            s.workspaceId());
                }
            } else {
                full.remove(s.id());
            }
        } catch (IOException | RuntimeException e) {
            LOG.info("could not read the free space of storage {}: {}", s.name(), e.getMessage());
        }
    }
}
