package io.tusk.server.run;

import io.tusk.pipeline.backup.BackupCatalog;
import io.tusk.pipeline.storage.Storage;
import io.tusk.server.database.DatabaseRepository;
import io.tusk.server.database.RegisteredDatabase;
import io.tusk.server.storage.StorageService;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Removes what a backup run that died left in its storage: archives without a manifest. Best effort. */
@Component
class PartialBackupCleanup {
    private static final Logger LOG = LoggerFactory.getLogger(PartialBackupCleanup.class);
    private final DatabaseRepository databases;
    private final StorageService storages;

    PartialBackupCleanup(DatabaseRepository databases, StorageService storages) {
        this.databases = databases;
        this.storages = storages;
    }

    /**
     * For a whole-server registration the folders are not known here; the pipeline's own garbage sweep (24 hours
     * later, at a later backup) takes them.
     */
    void removePartialBackup(long databaseId) {
        RegisteredDatabase db = databases.find(databaseId).orElse(null);
        if (db == null || db.storageId() == null || db.wholeServer()) {
            return;
        }
        try (Storage storage = storages.open(db.storageId())) {
            for (String key : BackupCatalog.removeOrphanArchives(storage, db.database(), Instant.now())) {
                LOG.warn("removed {}{}: the partial backup of a run that died", storage.location(), key);
            }
        } catch (Exception e) {
            LOG.warn("could not remove the partial backup of {} (the next backups remove it after a day): {}", db.name(), e.getMessage());
        }
    }
}
