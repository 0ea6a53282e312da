package io.tusk.server.run;

import io.tusk.archive.Compression;
import io.tusk.connect.ConnectionFactory;
import io.tusk.dump.DumpOptions;
import io.tusk.pipeline.backup.BackupCatalog;
import io.tusk.pipeline.backup.BackupManifest;
import io.tusk.pipeline.backup.BackupPipeline;
import io.tusk.pipeline.crypto.BackupKey;
import io.tusk.pipeline.storage.Storage;
import io.tusk.server.backup.BackupRepository;
import io.tusk.server.database.DatabaseService;
import io.tusk.server.database.RegisteredDatabase;
import io.tusk.server.notify.RunNotifications;
import io.tusk.server.retention.RetentionService;
import io.tusk.server.storage.StorageService;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.stereotype.Component;

/** One backup run: the database through the pipeline into its storage, recorded, then retention applied. */
@Component
class BackupJob {
    private final DatabaseService databases;
    private final StorageService storages;
    private final BackupRepository backups;
    private final RunRepository runs;
    private final ActiveRuns active;
    private final RetentionService retention;
    private final RunNotifications notifications;

    BackupJob(DatabaseService databases, StorageService storages, BackupRepository backups, RunRepository runs,
              ActiveRuns active, RetentionService retention, RunNotifications notifications) {
        this.databases = databases;
        this.storages = storages;
        this.backups = backups;
        this.runs = runs;
        this.active = active;
        this.retention = retention;
        this.notifications = notifications;
    }

    /** Returns the backup id. */
    String run(Run run, RunLog log) throws Exception {
        RegisteredDatabase db = databases.repository().get(run.databaseId());
        if (db.storageId() == null) {
            throw new IllegalStateException("the database \"" + db.name() + "\" has no storage: choose one in its backup policy");
        }
        ConnectionFactory factory = databases.connect(db);
        log.line("connecting to " + factory.spec().server() + " as " + factory.spec().user());
        try (Storage storage = storages.open(db.storageId()); Connection connection = factory.open()) {
            long[] estimate = estimate(connection);
            RunProgress progress = new RunProgress(run.id(), runs, log, estimate[0], estimate[1]);
            active.started(run.id(), progress, connection);
            try {
                DumpOptions selection = new DumpOptions();
                selection.tables.addAll(db.selection().tables());
                selection.excludeTables.addAll(db.selection().excludeTables());
                selection.schemas.addAll(db.selection().schemas());
                selection.excludeSchemas.addAll(db.selection().excludeSchemas());
                selection.listener = progress;
                BackupKey key = db.encrypted() ? BackupKey.of(databases.repository().backupKey(db.id())) : null;
                log.line("backing up \"" + db.database() + "\" to " + storage.location() + " (" + db.compression()
                        + (key == null ? "" : ", encrypted") + ")");
                BackupManifest manifest = new BackupPipeline(storage).backup(connection, db.host() + ":" + db.port(),
                        Compression.parse(db.compression()), key, selection);
                backups.insert(manifest, db.id(), db.storageId(), run.id(), BackupCatalog.manifestKey(manifest.database(), manifest.backupId()));
                log.line("stored " + manifest.object() + ": " + manifest.storedBytes() + " bytes, sha256 " + manifest.sha256());
                RetentionService.Outcome kept = retention.apply(db, storage, log::line);
                notifications.retention(db, kept.deleted(), kept.freedBytes(), kept.kept());
                return manifest.backupId();
            } finally {
                active.finished(run.id());
            }
        }
    }

    /**
     * Rows and bytes of the database's tables, from the catalog's statistics, for the progress and its ETA. Read
     * from pg_class only: pg_relation_size() would wait for the lock of a table someone holds exclusively.
     */
    private static long[] estimate(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("""
                SELECT COALESCE(sum(GREATEST(c.reltuples, 0)), 0)::bigint,
                       COALESCE(sum(c.relpages), 0)::bigint * current_setting('block_size')::bigint
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')""")) {
            r.next();
            return new long[] {r.getLong(1), r.getLong(2)};
        } finally {
            // the dump's snapshot must be taken by the first statement of its own transaction
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        }
    }
}
