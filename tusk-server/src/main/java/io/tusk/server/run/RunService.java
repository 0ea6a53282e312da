package io.tusk.server.run;

import io.tusk.server.api.ApiException;
import io.tusk.server.backup.BackupRecord;
import io.tusk.server.backup.BackupRepository;
import io.tusk.server.database.DatabaseRepository;
import io.tusk.server.database.RegisteredDatabase;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** Starting and cancelling runs: "run now", restores, cancel. */
@Service
public class RunService {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_JOBS = 16;
    private final RunRepository runs;
    private final RunScheduler scheduler;
    private final ActiveRuns active;
    private final DatabaseRepository databases;
    private final BackupRepository backups;

    RunService(RunRepository runs, RunScheduler scheduler, ActiveRuns active, DatabaseRepository databases, BackupRepository backups) {
        this.runs = runs;
        this.scheduler = scheduler;
        this.active = active;
        this.databases = databases;
        this.backups = backups;
    }

    public RunRepository repository() {
        return runs;
    }

    public Run backupNow(long databaseId) {
        RegisteredDatabase db = databases.get(databaseId);
        if (db.storageId() == null) {
            throw ApiException.conflict("the database \"" + db.name() + "\" has no storage yet: set storageId in its backup policy first");
        }
        long id = runs.queue(Run.BACKUP, databaseId, null, null, null, null);
        scheduler.queue(id);
        return runs.get(id);
    }

    public Run restore(RestoreRequest request) {
        if (request.backupId() == null) {
            throw ApiException.badRequest("backupId", "backupId is required: the backup to restore");
        }
        BackupRecord backup = backups.find(request.backupId())
                .orElseThrow(() -> ApiException.badRequest("backupId", "no backup \"" + request.backupId() + "\""));
        long target = request.targetDatabaseId() == null ? backup.databaseId() : request.targetDatabaseId();
        databases.find(target).orElseThrow(() -> ApiException.badRequest("targetDatabaseId", "no database with id " + target));
        if (request.newDatabaseName() != null && (request.newDatabaseName().isBlank() || request.newDatabaseName().length() > 63)) {
            throw ApiException.badRequest("newDatabaseName", "a new database name must be 1 to 63 characters");
        }
        if (RestoreRequest.on(request.create()) && request.newDatabaseName() != null) {
            throw ApiException.badRequest("create", "create restores into a database of the backup's own name; to restore"
                    + " under another name give newDatabaseName alone");
        }
        if (RestoreRequest.on(request.schemaOnly()) && RestoreRequest.on(request.dataOnly())) {
            throw ApiException.badRequest("dataOnly", "schemaOnly and dataOnly cannot both be set");
        }
        if (request.jobs() != null && (request.jobs() < 1 || request.jobs() > MAX_JOBS)) {
            throw ApiException.badRequest("jobs", "jobs must be between 1 and " + MAX_JOBS + " but is " + request.jobs());
        }
        if (RestoreRequest.on(request.singleTransaction()) && request.jobs() != null && request.jobs() > 1) {
            throw ApiException.badRequest("jobs", "a single-transaction restore runs on one connection: set jobs to 1");
        }
        long id = runs.queue(Run.RESTORE, target, null, null, backup.backupId(), JSON.writeValueAsString(request));
        scheduler.queue(id);
        return runs.get(id);
    }

    public Run cancel(long runId) {
        Run run = runs.get(runId);
        if (run.finished()) {
            throw ApiException.conflict("run " + runId + " already ended (" + run.status() + ")");
        }
        if (runs.cancelQueued(runId)) {
            scheduler.unqueue(runId);
        } else {
            runs.requestCancel(runId);
            active.cancel(runId);
        }
        return runs.get(runId);
    }
}
