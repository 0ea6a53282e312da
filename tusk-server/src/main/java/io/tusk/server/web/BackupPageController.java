package io.tusk.server.web;

import io.tusk.server.security.Role;
import io.tusk.server.security.Access;
import io.tusk.server.audit.AuditLog;
import io.tusk.pipeline.storage.Storage;
import io.tusk.server.api.ApiException;
import io.tusk.server.backup.BackupRecord;
import io.tusk.server.backup.BackupRepository;
import io.tusk.server.database.DatabaseRepository;
import io.tusk.server.retention.RetentionService;
import io.tusk.server.run.RunRepository;
import io.tusk.server.storage.StorageService;
import java.io.IOException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Deleting a backup, after a page that says what will be gone (works without script, from the keyboard). */
@Controller
class BackupPageController {
    private final Access access;
    private final AuditLog audit;
    private final BackupRepository backups;
    private final DatabaseRepository databases;
    private final StorageService storages;
    private final RetentionService retention;
    private final RunRepository runs;

    BackupPageController(BackupRepository backups, DatabaseRepository databases, StorageService storages,
                         RetentionService retention, RunRepository runs, Access access, AuditLog audit) {
        this.access = access;
        this.audit = audit;
        this.backups = backups;
        this.databases = databases;
        this.storages = storages;
        this.retention = retention;
        this.runs = runs;
    }

    @GetMapping("/backups/{id}/delete")
    String confirm(@PathVariable String id, Model model) {
        access.backup(id, Role.ADMIN);
        BackupRecord b = backups.get(id);
        model.addAttribute("backup", b);
        model.addAttribute("db", databases.get(b.databaseId()));
        model.addAttribute("page", "dashboard");
        return "backup-delete";
    }

    @PostMapping("/backups/{id}/delete")
    String delete(@PathVariable String id, RedirectAttributes redirect) throws IOException {
        long workspace = access.backup(id, Role.ADMIN);
        BackupRecord b = backups.get(id);
        if (runs.backupsInUse().contains(id)) {
            redirect.addFlashAttribute("problem", "Backup " + id + " is being restored: delete it once the restore has ended.");
            return "redirect:/databases/" + b.databaseId();
        }
        try (Storage storage = storages.open(b.storageId())) {
            retention.delete(storage, b);
            audit.record("backup.delete", "backup " + id + " of database " + b.databaseId(), workspace, "from the web UI", AuditLog.OK);
            redirect.addFlashAttribute("notice", "Backup " + id + " deleted.");
        } catch (ApiException | IOException e) {
            redirect.addFlashAttribute("problem", "Backup " + id + " could not be deleted: " + e.getMessage());
        }
        return "redirect:/databases/" + b.databaseId();
    }
}
