package io.tusk.server.run;

import io.tusk.TuskException;
import io.tusk.archive.ArchiveReader;
import io.tusk.archive.Archives;
import io.tusk.connect.ConnectionFactory;
import io.tusk.pipeline.backup.BackupCatalog;
import io.tusk.pipeline.backup.BackupManifest;
import io.tusk.pipeline.backup.BackupReader;
import io.tusk.pipeline.crypto.BackupKey;
import io.tusk.pipeline.storage.Storage;
import io.tusk.restore.RestoreOptions;
import io.tusk.restore.Restorer;
import io.tusk.server.DataDirectory;
import io.tusk.server.backup.BackupRecord;
import io.tusk.server.backup.BackupRepository;
import io.tusk.server.database.DatabaseService;
import io.tusk.server.database.RegisteredDatabase;
import io.tusk.server.storage.StorageService;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * One restore run. With one job the backup streams from the storage into the database; with more, it is first
 * checked and decrypted into the data directory (pg_restore -j needs a seekable archive), then deleted.
 */
@Component
class RestoreJob {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final DatabaseService databases;
    private final StorageService storages;
    private final BackupRepository backups;
    private final RunRepository runs;
    private final ActiveRuns active;
    private final DataDirectory dataDirectory;

    RestoreJob(DatabaseService databases, StorageService storages, BackupRepository backups, RunRepository runs,
               ActiveRuns active, DataDirectory dataDirectory) {
        this.databases = databases;
        this.storages = storages;
        this.backups = backups;
        this.runs = runs;
        this.active = active;
        this.dataDirectory = dataDirectory;
    }

    /** Returns the number of errors ignored; a restore with errors fails the run. */
    void run(Run run, RunLog log) throws Exception {
        RestoreRequest request = JSON.readValue(runs.request(run.id()), RestoreRequest.class);
        BackupRecord backup = backups.get(request.backupId());
        RegisteredDatabase source = databases.repository().get(backup.databaseId());
        RegisteredDatabase target = databases.repository().get(run.databaseId());
        ConnectionFactory server = databases.connect(target);
        // into a whole-server registration, a backup goes back to the database it came from
        String targetName = target.wholeServer() ? backup.sourceDatabase() : target.database();
        if (request.newDatabaseName() != null) {
            targetName = request.newDatabaseName();
            try (Connection c = server.open(); Statement s = c.createStatement()) {
                log.line("creating database \"" + targetName + "\" on " + server.spec().server());
                s.execute("CREATE DATABASE " + quoteIdentifier(targetName));
            }
        }
        RestoreOptions options = options(request);
        if (options.create) {
            // as pg_restore -C: connected to the maintenance database, the archive's CREATE DATABASE makes the target
            targetName = backup.sourceDatabase() == null ? target.database() : backup.sourceDatabase();
        }
        ConnectionFactory into = server.forDatabase(options.create ? "postgres" : targetName);
        byte[] rawKey = databases.repository().backupKey(source.id());
        BackupKey key = backup.encrypted() ? BackupKey.of(rawKey) : null;
        try (Storage storage = storages.open(backup.storageId()); Connection connection = into.open()) {
            BackupManifest manifest = BackupCatalog.find(storage, backup.backupId());
            RunProgress progress = new RunProgress(run.id(), runs, log, 0, backup.archiveBytes());
            active.started(run.id(), progress, connection);
            PrintStream errors = log.printStream();
            int failed;
            try {
                log.line("restoring backup " + backup.backupId() + " of \"" + source.name() + "\" into \"" + targetName
                        + "\" on " + into.spec().server() + (options.jobs > 1 ? " with " + options.jobs + " jobs" : ""));
                BackupReader reader = new BackupReader(storage, key);
                if (options.jobs > 1) {
                    failed = restoreInParallel(reader, manifest, options, connection, into, errors, run.id());
                } else {
                    failed = reader.restore(manifest, options, connection, db -> into.forDatabase(db).open(), errors, "tusk restore");
                }
                errors.flush();
            } finally {
                active.finished(run.id());
            }
            if (failed > 0) {
                throw new TuskException("errors ignored on restore: " + failed + " (see the run's log)");
            }
            log.line("restore complete");
        }
    }

    private int restoreInParallel(BackupReader reader, BackupManifest manifest, RestoreOptions options, Connection connection,
                                  ConnectionFactory into, PrintStream errors, long runId) throws Exception {
        Path work = Files.createDirectories(dataDirectory.root().resolve("tmp"));
        Path archive = work.resolve("restore-" + runId + ".dump");
        try {
            reader.download(manifest, archive);
            try (ArchiveReader opened = Archives.open(archive)) {
                return Restorer.toDatabase(opened, options, connection, db -> into.forDatabase(db).open(), errors, "tusk restore");
            }
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    static RestoreOptions options(RestoreRequest r) {
        RestoreOptions o = new RestoreOptions();
        o.clean = RestoreRequest.on(r.clean());
        o.ifExists = RestoreRequest.on(r.ifExists());
        o.schemaOnly = RestoreRequest.on(r.schemaOnly());
        o.dataOnly = RestoreRequest.on(r.dataOnly());
        o.noOwner = RestoreRequest.on(r.noOwner());
        o.noPrivileges = RestoreRequest.on(r.noPrivileges());
        o.exitOnError = RestoreRequest.on(r.exitOnError());
        o.singleTransaction = RestoreRequest.on(r.singleTransaction());
        if (r.tables() != null) {
            o.tables.addAll(r.tables());
        }
        if (r.schemas() != null) {
            o.schemas.addAll(r.schemas());
        }
        o.jobs = r.jobs() == null ? 1 : r.jobs();
        o.create = RestoreRequest.on(r.create());
        return o;
    }

    static String quoteIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
