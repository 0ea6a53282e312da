package io.tusk.server.web;

import io.tusk.server.security.Role;
import io.tusk.server.security.Access;
import io.tusk.server.audit.AuditLog;
import io.tusk.server.api.ApiException;
import io.tusk.server.database.DatabaseService;
import io.tusk.server.database.RegisteredDatabase;
import io.tusk.server.schedule.ScheduleService;
import io.tusk.server.storage.StorageConfig;
import io.tusk.server.storage.StorageRepository;
import io.tusk.server.storage.StorageService;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The new-database wizard: connection (tested live) -> storage (an existing one, or a new one, tested) ->
 * schedule (a preset or cron, with its next runs) -> policy (compression, encryption, retention), then create.
 * Each step is a plain form; its answers wait in the session until the last step saves them all.
 */
@Controller
@RequestMapping("/databases/new")
class WizardController {
    private final Access access;
    private final AuditLog audit;
    private final ConnectionCheck connectionCheck;
    private final StorageRepository storages;
    private final StorageForms storageForms;
    private final StorageService storageService;
    private final ScheduleService schedules;
    private final DatabaseService databases;
    private final PolicyPreview policyPreview;

    WizardController(ConnectionCheck connectionCheck, StorageRepository storages, StorageForms storageForms,
                     StorageService storageService, ScheduleService schedules, DatabaseService databases, PolicyPreview policyPreview, Access access, AuditLog audit) {
        this.access = access;
        this.audit = audit;
        this.connectionCheck = connectionCheck;
        this.storages = storages;
        this.storageForms = storageForms;
        this.storageService = storageService;
        this.schedules = schedules;
        this.databases = databases;
        this.policyPreview = policyPreview;
    }

    @GetMapping
    String start(HttpSession session) {
        access.workspaceForNew(null, Role.ADMIN);
        session.setAttribute(WizardDraft.SESSION_KEY, new WizardDraft());
        return "redirect:/databases/new/connection";
    }

    @GetMapping("/connection")
    String connection(HttpSession session, Model model) {
        return connectionPage(model, draft(session), Map.of());
    }

    /** The "Test connection" button: the result alone, for htmx to put under the form. */
    @PostMapping("/connection/test")
    String testConnection(@RequestParam Map<String, String> form, HttpSession session, Model model) {
        WizardDraft d = draft(session);
        readConnection(d, form);
        try {
            d.serverVersion = connectionCheck.serverVersion(d);
            model.addAttribute("version", d.serverVersion);
        } catch (ApiException e) {
            model.addAttribute("failure", e.getMessage());
        }
        return "wizard-connection :: result";
    }

    @PostMapping("/connection")
    String saveConnection(@RequestParam Map<String, String> form, HttpSession session, Model model) {
        WizardDraft d = draft(session);
        readConnection(d, form);
        try {
            if (d.name.isBlank()) {
                throw ApiException.badRequest("name", "a name is required: how Tusk shows this database (e.g. shop-production)");
            }
            d.serverVersion = connectionCheck.serverVersion(d);
        } catch (ApiException e) {
            d.connectionDone = false;
            return connectionPage(model, d, Forms.errors(e));
        }
        d.connectionDone = true;
        return "redirect:/databases/new/storage";
    }

    @GetMapping("/storage")
    String storage(HttpSession session, Model model) {
        WizardDraft d = draft(session);
        if (!d.connectionDone) {
            return "redirect:/databases/new/connection";
        }
        return storagePage(model, d, Map.of(), Map.of());
    }

    @PostMapping("/storage")
    String saveStorage(@RequestParam Map<String, String> form, HttpSession session, Model model) {
        WizardDraft d = draft(session);
        String choice = Forms.text(form.get("storageChoice"));
        try {
            if (choice.equals("new")) {
                StorageConfig created = storageForms.create(form, access.workspaceForNew(null, Role.ADMIN));
                d.storageId = created.id();
            } else if (choice.isEmpty()) {
                throw ApiException.badRequest("storageChoice", "choose a storage, or create one");
            } else {
                // an existing storage is tested again: it may have stopped working since it was saved
                long id = storages.get(Long.parseLong(choice)).id();
                access.storage(id, Role.ADMIN);
                storageService.test(id);
                d.storageId = id;
            }
        } catch (ApiException e) {
            return storagePage(model, d, Forms.errors(e), form);
        } catch (NumberFormatException e) {
            return storagePage(model, d, Map.of("storageChoice", "choose a storage from the list"), form);
        }
        return "redirect:/databases/new/schedule";
    }

    @GetMapping("/schedule")
    String schedule(HttpSession session, Model model) {
        WizardDraft d = draft(session);
        if (d.storageId == null) {
            return "redirect:/databases/new/storage";
        }
        return schedulePage(model, d, Map.of());
    }

    /** The "next 5 runs" under the schedule form, recomputed by htmx as it changes. */
    @PostMapping("/schedule/preview")
    String previewSchedule(@RequestParam Map<String, String> form, HttpSession session, Model model) {
        WizardDraft d = draft(session);
        readSchedule(d, form);
        SchedulePreview.addTo(model, schedules, d);
        return "wizard-schedule :: preview";
    }

    @PostMapping("/schedule")
    String saveSchedule(@RequestParam Map<String, String> form, HttpSession session, Model model) {
        WizardDraft d = draft(session);
        readSchedule(d, form);
        if (d.scheduled()) {
            try {
                schedules.preview(d.schedule(null), 1);
            } catch (ApiException e) {
                d.scheduleDone = false;
                return schedulePage(model, d, Forms.errors(e));
            }
        }
        d.scheduleDone = true;
        return "redirect:/databases/new/policy";
    }

    @GetMapping("/policy")
    String policy(HttpSession session, Model model) {
        WizardDraft d = draft(session);
        if (!d.scheduleDone) {
            return "redirect:/databases/new/schedule";
        }
        return policyPage(model, d, Map.of());
    }

    @PostMapping("/policy/preview")
    String previewPolicy(@RequestParam Map<String, String> form, HttpSession session, Model model) {
        WizardDraft d = draft(session);
        readPolicy(d, form);
        policyPreview.addTo(model, d);
        return "wizard-policy :: preview";
    }

    /** The last step: the database, then its schedule, saved together. */
    @PostMapping("/policy")
    @Transactional
    String create(@RequestParam Map<String, String> form, HttpSession session, Model model) {
        WizardDraft d = draft(session);
        readPolicy(d, form);
        long workspace = access.workspaceForNew(null, Role.ADMIN);
        RegisteredDatabase created;
        try {
            created = databases.create(d.request(workspace), workspace);
            if (d.scheduled()) {
                schedules.create(d.schedule(created.id()));
            }
        } catch (ApiException e) {
            // the database is not kept without the schedule it was created with
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return policyPage(model, d, Forms.errors(e));
        }
        session.removeAttribute(WizardDraft.SESSION_KEY);
        audit.record("database.create", "database " + created.id() + " (" + created.name() + ")", workspace, "from the web UI wizard", AuditLog.OK);
        return "redirect:/databases/" + created.id() + "?created";
    }

    private static WizardDraft draft(HttpSession session) {
        WizardDraft d = (WizardDraft) session.getAttribute(WizardDraft.SESSION_KEY);
        if (d == null) {
            d = new WizardDraft();
            session.setAttribute(WizardDraft.SESSION_KEY, d);
        }
        return d;
    }

    private static void readConnection(WizardDraft d, Map<String, String> form) {
        d.name = Forms.text(form.get("name"));
        d.host = Forms.text(form.get("host"));
        d.port = Forms.text(form.get("port"));
        d.database = Forms.text(form.get("database"));
        d.user = Forms.text(form.get("user"));
        d.password = Forms.text(form.get("password"));
        d.sslmode = form.getOrDefault("sslmode", "prefer");
    }

    private static void readSchedule(WizardDraft d, Map<String, String> form) {
        d.kind = form.getOrDefault("kind", "daily");
        d.minute = Forms.text(form.get("minute"));
        d.time = Forms.text(form.get("time"));
        d.dayOfWeek = Forms.text(form.get("dayOfWeek"));
        d.dayOfMonth = Forms.text(form.get("dayOfMonth"));
        d.cron = Forms.text(form.get("cron"));
        d.zone = Forms.text(form.get("zone")).trim();
    }

    private static void readPolicy(WizardDraft d, Map<String, String> form) {
        d.compression = form.getOrDefault("compression", "zstd");
        d.encrypted = form.containsKey("encrypted");
        d.keepLast = Forms.text(form.get("keepLast"));
        d.keepDays = Forms.text(form.get("keepDays"));
        d.daily = Forms.text(form.get("daily"));
        d.weekly = Forms.text(form.get("weekly"));
        d.monthly = Forms.text(form.get("monthly"));
    }

    private String connectionPage(Model model, WizardDraft d, Map<String, String> errors) {
        model.addAttribute("draft", d);
        model.addAttribute("errors", errors);
        model.addAttribute("step", 1);
        model.addAttribute("page", "new");
        return "wizard-connection";
    }

    private String storagePage(Model model, WizardDraft d, Map<String, String> errors, Map<String, String> form) {
        model.addAttribute("draft", d);
        model.addAttribute("errors", errors);
        var visible = access.workspaces(Role.ADMIN);
        model.addAttribute("storages", storages.list().stream().filter(st -> visible.contains(st.workspaceId())).toList());
        model.addAttribute("types", storageForms.types());
        model.addAttribute("form", form);
        String choice = form.containsKey("storageChoice") ? form.get("storageChoice")
                : d.storageId != null ? d.storageId.toString() : storages.list().stream().noneMatch(st -> visible.contains(st.workspaceId())) ? "new"
                : storages.list().stream().filter(st -> visible.contains(st.workspaceId())).findFirst().orElseThrow().id() + "";
        model.addAttribute("choice", choice);
        model.addAttribute("step", 2);
        model.addAttribute("page", "new");
        return "wizard-storage";
    }

    private String schedulePage(Model model, WizardDraft d, Map<String, String> errors) {
        model.addAttribute("draft", d);
        model.addAttribute("errors", errors);
        model.addAttribute("zones", SchedulePreview.zones());
        model.addAttribute("days", java.util.Arrays.stream(java.time.DayOfWeek.values()).map(Enum::name).toList());
        SchedulePreview.addTo(model, schedules, d);
        model.addAttribute("step", 3);
        model.addAttribute("page", "new");
        return "wizard-schedule";
    }

    private String policyPage(Model model, WizardDraft d, Map<String, String> errors) {
        model.addAttribute("draft", d);
        model.addAttribute("errors", errors);
        model.addAttribute("storage", d.storageId == null ? null : storages.find(d.storageId).orElse(null));
        policyPreview.addTo(model, d);
        model.addAttribute("step", 4);
        model.addAttribute("page", "new");
        return "wizard-policy";
    }
}
