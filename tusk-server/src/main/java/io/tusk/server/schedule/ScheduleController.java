package io.tusk.server.schedule;

import io.tusk.server.audit.AuditLog;
import io.tusk.server.security.Access;
import io.tusk.server.security.Role;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A schedule belongs to its database's workspace: viewers read, admins configure. */
@RestController
@RequestMapping("/api/v1/schedules")
class ScheduleController {
    private final ScheduleService schedules;
    private final Access access;
    private final AuditLog audit;

    ScheduleController(ScheduleService schedules, Access access, AuditLog audit) {
        this.schedules = schedules;
        this.access = access;
        this.audit = audit;
    }

    @GetMapping
    List<BackupSchedule> list(@RequestParam(required = false) Long databaseId) {
        if (databaseId != null) {
            access.database(databaseId, Role.VIEWER);
        }
        var visible = access.workspaces(Role.VIEWER);
        return schedules.list(databaseId).stream().filter(s -> visible.contains(access.workspaceOfDatabase(s.databaseId()))).toList();
    }

    @GetMapping("/{id}")
    BackupSchedule get(@PathVariable long id) {
        access.schedule(id, Role.VIEWER);
        return schedules.get(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    BackupSchedule create(@RequestBody ScheduleRequest request) {
        Long workspace = request.databaseId() == null ? null : access.referencedDatabase(request.databaseId(), Role.ADMIN, "databaseId");
        BackupSchedule created = schedules.create(request);
        audit.record("schedule.create", "schedule " + created.id() + " of database " + created.databaseId(), workspace,
                created.kind() + " " + created.cron(), AuditLog.OK);
        return created;
    }

    @PutMapping("/{id}")
    BackupSchedule update(@PathVariable long id, @RequestBody ScheduleRequest request) {
        long workspace = access.schedule(id, Role.ADMIN);
        if (request.databaseId() != null) {
            access.referencedDatabase(request.databaseId(), Role.ADMIN, "databaseId");
        }
        BackupSchedule updated = schedules.update(id, request);
        audit.record("schedule.update", "schedule " + id + " of database " + updated.databaseId(), workspace,
                updated.kind() + " " + updated.cron(), AuditLog.OK);
        return updated;
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        long workspace = access.schedule(id, Role.ADMIN);
        schedules.delete(id);
        audit.record("schedule.delete", "schedule " + id, workspace, null, AuditLog.OK);
    }

    /** The next runs of a schedule as entered, without saving it. */
    @PostMapping("/preview")
    List<Instant> preview(@RequestBody ScheduleRequest request, @RequestParam(defaultValue = "5") int count) {
        return schedules.preview(request, count);
    }
}
