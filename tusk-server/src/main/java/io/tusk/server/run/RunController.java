package io.tusk.server.run;

import io.tusk.server.api.ApiException;
import io.tusk.server.audit.AuditLog;
import io.tusk.server.backup.BackupRepository;
import io.tusk.server.security.Access;
import io.tusk.server.security.Role;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Viewers read runs; operators start backups, cancel runs and restore, in the workspaces they operate. */
@RestController
class RunController {
    private static final int MAX_LISTED = 1000;
    private final RunService runs;
    private final Access access;
    private final AuditLog audit;
    private final BackupRepository backups;

    RunController(RunService runs, Access access, AuditLog audit, BackupRepository backups) {
        this.runs = runs;
        this.access = access;
        this.audit = audit;
        this.backups = backups;
    }

    @GetMapping("/api/v1/runs")
    List<Run> list(@RequestParam(required = false) Long databaseId, @RequestParam(required = false) String kind,
                   @RequestParam(defaultValue = "100") int limit) {
        return visible(databaseId, kind, limit);
    }

    @GetMapping("/api/v1/runs/{id}")
    Run get(@PathVariable long id) {
        access.run(id, Role.VIEWER);
        return runs.repository().get(id);
    }

    /** Run now: a backup of the database, queued at once. */
    @PostMapping("/api/v1/databases/{id}/backups")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Run backupNow(@PathVariable long id) {
        long workspace = access.database(id, Role.OPERATOR);
        Run run = runs.backupNow(id);
        audit.record("run.backup", "run " + run.id() + " of database " + id, workspace, "run now", AuditLog.OK);
        return run;
    }

    @PostMapping("/api/v1/runs/{id}/cancel")
    Run cancel(@PathVariable long id) {
        long workspace = access.run(id, Role.OPERATOR);
        Run run = runs.cancel(id);
        audit.record("run.cancel", "run " + id + " of database " + run.databaseId(), workspace, run.kind(), AuditLog.OK);
        return run;
    }

    /**
     * Needs operator on the backup's database and on the target; a restore over an existing database (no
     * newDatabaseName) overwrites it, so the audit log says so.
     */
    @PostMapping("/api/v1/restores")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Run restore(@RequestBody RestoreRequest request) {
        Long workspace = null;
        if (request.backupId() != null) {
            Long source = backups.find(request.backupId()).map(b -> b.databaseId()).orElse(null);
            workspace = source == null ? null : operable(source, "backupId", "no backup \"" + request.backupId() + "\"");
        }
        if (request.targetDatabaseId() != null) {
            workspace = access.referencedDatabase(request.targetDatabaseId(), Role.OPERATOR, "targetDatabaseId");
        }
        Run run = runs.restore(request);
        audit.record("restore", "run " + run.id() + ": backup " + request.backupId() + " to database " + run.databaseId(), workspace,
                request.newDatabaseName() == null ? "over the existing database" : "into new database " + request.newDatabaseName(),
                AuditLog.OK);
        return run;
    }

    @GetMapping("/api/v1/restores")
    List<Run> restores(@RequestParam(required = false) Long databaseId) {
        return visible(databaseId, Run.RESTORE, 100);
    }

    /**
     * The workspace of a database the user may restore from or into. One of another workspace gets the very
     * answer RunService gives for one that does not exist, so that the answer does not tell them apart.
     */
    private Long operable(long databaseId, String field, String notFound) {
        Long workspace = access.workspaceOfDatabase(databaseId);
        if (workspace == null) {
            return null;
        }
        if (!access.canSee(workspace)) {
            throw ApiException.badRequest(field, notFound);
        }
        access.require(workspace, Role.OPERATOR, "database", databaseId);
        return workspace;
    }

    private List<Run> visible(Long databaseId, String kind, int limit) {
        if (databaseId != null) {
            access.database(databaseId, Role.VIEWER);
            return runs.repository().list(databaseId, kind, limit);
        }
        Set<Long> workspaces = access.workspaces(Role.VIEWER);
        return runs.repository().list(null, kind, MAX_LISTED).stream()
                .filter(r -> workspaces.contains(access.workspaceOfDatabase(r.databaseId()))).limit(Math.max(1, limit)).toList();
    }
}
