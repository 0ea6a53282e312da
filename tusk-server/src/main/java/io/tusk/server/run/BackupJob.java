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
import java.util.ArrayList;
import java.util.List;
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

    /** Returns the backup id (the last one, when the registration is a whole server). */
    String run(Run run, RunLog log) throws Exception {
        RegisteredDatabase db = databases.repository().get(run.databaseId());
        if (db.storageId() == null) {
            throw new IllegalStateException("the database \"" + db.name() + "\" has no storage: choose one in its backup policy");
        }
        ConnectionFactory server = databases.connect(db);
        List<String> names = db.wholeServer() ? DatabaseService.databasesOn(server) : List.of(db.database());
        if (db.wholeServer()) {
            log.line("backing up every database of " + server.spec().server() + ": " + String.join(", ", names));
        }
        String last = null;
        List<String> failed = new ArrayList<>();
        try (Storage storage = storages.open(db.storageId())) {
            for (String name : names) {
                try {
                    last = backUp(run, log, db, server.forDatabase(name), storage);
                } catch (RunCancelledException e) {
                    throw e;
                } catch (Exception e) {
                    if (!db.wholeServer()) {
                        throw e;
                    }
                    // one database of a server that fails must not cost the others their backup
                    failed.add(name);
                    log.line("backup of \"" + name + "\" failed: " + e.getMessage());
                }
            }
            RetentionService.Outcome kept = retention.apply(db, storage, log::line);
            notifications.retention(db, kept.deleted(), kept.freedBytes(), kept.kept());
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException("the backup of " + failed.size() + " of " + names.size() + " databases failed ("
                    + String.join(", ", failed) + "): see the run's log");
        }
        return last;
    }

    private String backUp(Run run, RunLog log, RegisteredDatabase db, ConnectionFactory factory, Storage storage) throws Exception {
        log.line("connecting to " + factory.spec().server() + " as " + factory.spec().user() + ", database " + factory.spec().database());
        try (Connection connection = factory.open()) {
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
                log.line("backing up \"" + factory.spec().database() + "\" to " + storage.location() + " (" + db.compression()
                        + (key == null ? "" : ", encrypted") + ")");
                BackupManifest manifest = new BackupPipeline(storage).backup(connection, db.host() + ":" + db.port(),
                        Compression.parse(db.compression()), key, selection);
                backups.insert(manifest, db.id(), db.storageId(), run.id(), BackupCatalog.manifestKey(manifest.database(), manifest.backupId()));
                log.line("stored " + manifest.object() + ": " + manifest.storedBytes() + " bytes, sha256 " + manifest.sha256());
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
