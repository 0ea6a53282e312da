package io.tusk.server.web;

import io.tusk.server.security.Role;
import io.tusk.server.security.Access;
import io.tusk.server.audit.AuditLog;
import io.tusk.server.api.ApiException;
import io.tusk.server.backup.BackupRecord;
import io.tusk.server.backup.BackupRepository;
import io.tusk.server.database.DatabaseService;
import io.tusk.server.database.RegisteredDatabase;
import io.tusk.server.run.Run;
import io.tusk.server.run.RunService;
import io.tusk.server.schedule.ScheduleService;
import io.tusk.server.storage.StorageRepository;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A database's page: its settings, the run in progress, its backups and its recent runs; run now and test. */
@Controller
class DatabasePageController {
    private final Access access;
    private final AuditLog audit;
    private static final int RUNS_SHOWN = 30;
    private final DatabaseService databases;
    private final DatabaseOverview overview;
    private final BackupRepository backups;
    private final RunService runs;
    private final ScheduleService schedules;
    private final StorageRepository storages;

    DatabasePageController(DatabaseService databases, DatabaseOverview overview, BackupRepository backups, RunService runs,
                           ScheduleService schedules, StorageRepository storages, Access access, AuditLog audit) {
        this.access = access;
        this.audit = audit;
        this.databases = databases;
        this.overview = overview;
        this.backups = backups;
        this.runs = runs;
        this.schedules = schedules;
        this.storages = storages;
    }

    @GetMapping("/databases/{id}")
    String database(@PathVariable long id, Model model) {
        access.database(id, Role.VIEWER);
        RegisteredDatabase d = databases.repository().get(id);
        List<BackupRecord> list = backups.list(id);
        List<Run> recent = runs.repository().list(id, null, RUNS_SHOWN);
        // a backup is verified once a check of it passed (POST /api/v1/backups/{id}/verify) or a restore of it
        // succeeded: either way its digest was checked and every entry read
        Set<String> verified = runs.repository().list(null, Run.RESTORE, 1000).stream()
                .filter(r -> r.status().equals("succeeded") && r.backupId() != null).map(Run::backupId).collect(Collectors.toSet());
        list.stream().filter(b -> b.verifiedAt() != null && b.verifyError() == null).forEach(b -> verified.add(b.backupId()));
        DatabaseSummary summary = overview.summary(d);
        model.addAttribute("summary", summary);
        // the run the runs table shows unfinished gets the live panel, even if it ended since that list was read:
        // its events then end at once and the page reloads, so the page never shows a run as running for good
        model.addAttribute("activeRun", recent.stream().filter(r -> !r.finished()).findFirst().orElse(summary.activeRun()));
        model.addAttribute("db", d);
        model.addAttribute("backups", list);
        model.addAttribute("verified", verified);
        model.addAttribute("runs", recent);
        model.addAttribute("schedules", schedules.list(id));
        model.addAttribute("storage", d.storageId() == null ? null : storages.find(d.storageId()).orElse(null));
        model.addAttribute("page", "dashboard");
        return "database";
    }

    @PostMapping("/databases/{id}/run")
    String runNow(@PathVariable long id, RedirectAttributes redirect) {
        long workspace = access.database(id, Role.OPERATOR);
        try {
            Run run = runs.backupNow(id);
            audit.record("run.backup", "run " + run.id() + " of database " + id, workspace, "run now, from the web UI", AuditLog.OK);
            redirect.addFlashAttribute("notice", "Backup run " + run.id() + " queued.");
        } catch (ApiException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/databases/" + id;
    }

    @PostMapping("/databases/{id}/test")
    String test(@PathVariable long id, RedirectAttributes redirect) {
        access.database(id, Role.ADMIN);
        try {
            RegisteredDatabase d = databases.test(id);
            redirect.addFlashAttribute("notice", "Connected: PostgreSQL " + d.serverVersion() + ".");
        } catch (ApiException e) {
            redirect.addFlashAttribute("problem", "Connection test failed: " + e.getMessage());
        }
        return "redirect:/databases/" + id;
    }
}
