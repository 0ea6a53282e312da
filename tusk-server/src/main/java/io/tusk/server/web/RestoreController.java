package io.tusk.server.web;

import io.tusk.server.security.Role;
import io.tusk.server.security.Access;
import io.tusk.server.audit.AuditLog;
import io.tusk.server.api.ApiException;
import io.tusk.server.backup.BackupRecord;
import io.tusk.server.backup.BackupRepository;
import io.tusk.server.database.DatabaseRepository;
import io.tusk.server.database.RegisteredDatabase;
import io.tusk.server.run.RestoreRequest;
import io.tusk.server.run.Run;
import io.tusk.server.run.RunService;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The restore dialog of a backup: into its own database, another registered one, or a new database on a registered
 * database's server; pg_restore's options; the tables picked from the backup's own list. Restoring over an
 * existing database needs the overwrite box ticked; the run's page then shows its progress and result.
 */
@Controller
class RestoreController {
    private final Access access;
    private final AuditLog audit;
    private static final int MAX_JOBS = 16;
    private final BackupRepository backups;
    private final DatabaseRepository databases;
    private final RunService runs;

    RestoreController(BackupRepository backups, DatabaseRepository databases, RunService runs, Access access, AuditLog audit) {
        this.access = access;
        this.audit = audit;
        this.backups = backups;
        this.databases = databases;
        this.runs = runs;
    }

    @GetMapping("/backups/{id}/restore")
    String dialog(@PathVariable String id, Model model) {
        access.backup(id, Role.OPERATOR);
        BackupRecord b = backups.get(id);
        return page(model, b, Map.of("target", "new", "newDatabaseName", databases.get(b.databaseId()).database() + "_restored",
                "jobs", "1"), List.of(), Map.of());
    }

    @PostMapping("/backups/{id}/restore")
    String restore(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, Model model) {
        long workspace = access.backup(id, Role.OPERATOR);
        BackupRecord b = backups.get(id);
        Map<String, String> values = form.toSingleValueMap();
        List<String> picked = form.getOrDefault("table", List.of());
        try {
            RestoreRequest request = request(b, values, picked);
            access.referencedDatabase(request.targetDatabaseId(), Role.OPERATOR, "target");
            Run run = runs.restore(request);
            audit.record("restore", "run " + run.id() + ": backup " + id + " to database " + run.databaseId(), workspace,
                    (request.newDatabaseName() == null ? "over the existing database" : "into new database " + request.newDatabaseName())
                            + ", from the web UI", AuditLog.OK);
            return "redirect:/runs/" + run.id();
        } catch (ApiException e) {
            return page(model, b, values, picked, Forms.errors(e));
        }
    }

    private RestoreRequest request(BackupRecord b, Map<String, String> f, List<String> picked) {
        String target = f.getOrDefault("target", "");
        Long targetId;
        String newName = null;
        switch (target) {
            case "same" -> targetId = b.databaseId();
            case "other" -> targetId = id(f.get("otherDatabaseId"), "otherDatabaseId", "choose the database to restore into");
            case "new" -> {
                targetId = id(f.get("serverDatabaseId"), "serverDatabaseId", "choose the server to create the new database on");
                newName = Forms.text(f.get("newDatabaseName")).trim();
                if (newName.isEmpty()) {
                    throw ApiException.badRequest("newDatabaseName", "the new database needs a name");
                }
            }
            default -> throw ApiException.badRequest("target", "choose where to restore: the same database, another one or a new one");
        }
        if (newName == null && !f.containsKey("confirmOverwrite")) {
            RegisteredDatabase into = databases.get(targetId);
            throw ApiException.badRequest("confirmOverwrite", "restoring into \"" + into.name() + "\" (" + into.database() + " on "
                    + into.host() + ":" + into.port() + ") changes an existing database: tick the box to confirm");
        }
        Integer jobs = Forms.integer(f.get("jobs"), "jobs");
        if (jobs != null && (jobs < 1 || jobs > MAX_JOBS)) {
            throw ApiException.badRequest("jobs", "parallel jobs must be between 1 and " + MAX_JOBS + " but is " + jobs);
        }
        // pg_restore's -t takes a table name and -n a schema: the picked tables' names, limited to their schemas
        List<String> tables = new ArrayList<>();
        Set<String> schemas = new LinkedHashSet<>();
        for (String qualified : picked) {
            if (!b.tableRows().containsKey(qualified)) {
                throw ApiException.badRequest("table", "the backup has no table " + qualified);
            }
            int dot = qualified.indexOf('.');
            schemas.add(qualified.substring(0, dot));
            tables.add(qualified.substring(dot + 1));
        }
        return new RestoreRequest(b.backupId(), targetId, newName, on(f, "clean"), on(f, "clean"),
                on(f, "schemaOnly"), on(f, "dataOnly"), on(f, "noOwner"), on(f, "noPrivileges"), on(f, "exitOnError"),
                on(f, "singleTransaction"), tables.isEmpty() ? null : tables, schemas.isEmpty() ? null : List.copyOf(schemas), jobs, on(f, "create"));
    }

    private static Boolean on(Map<String, String> f, String name) {
        return f.containsKey(name) ? Boolean.TRUE : null;
    }

    private static long id(String text, String field, String message) {
        try {
            return Long.parseLong(Forms.text(text));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(field, message);
        }
    }

    private String page(Model model, BackupRecord b, Map<String, String> values, List<String> picked, Map<String, String> errors) {
        model.addAttribute("backup", b);
        model.addAttribute("db", databases.get(b.databaseId()));
        // the databases of the backup's workspace: a restore never crosses into another team's
        long workspace = databases.get(b.databaseId()).workspaceId();
        model.addAttribute("databases", databases.list().stream().filter(d -> d.workspaceId() == workspace).toList());
        model.addAttribute("values", values);
        model.addAttribute("picked", picked);
        model.addAttribute("errors", errors);
        model.addAttribute("page", "dashboard");
        return "restore";
    }
}
