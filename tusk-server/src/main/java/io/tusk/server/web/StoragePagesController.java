package io.tusk.server.web;

import io.tusk.server.security.Role;
import io.tusk.server.security.Access;
import io.tusk.server.audit.AuditLog;
import io.tusk.server.api.ApiException;
import io.tusk.server.storage.StorageConfig;
import io.tusk.server.storage.StorageRepository;
import io.tusk.server.storage.StorageService;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The storages: listed with a test button each, created from the same form as the wizard's. */
@Controller
class StoragePagesController {
    private final Access access;
    private final AuditLog audit;
    private final StorageRepository storages;
    private final StorageService service;
    private final StorageForms forms;

    StoragePagesController(StorageRepository storages, StorageService service, StorageForms forms, Access access, AuditLog audit) {
        this.access = access;
        this.audit = audit;
        this.storages = storages;
        this.service = service;
        this.forms = forms;
    }

    @GetMapping("/storages")
    String list(Model model) {
        return page(model, Map.of(), Map.of());
    }

    @PostMapping("/storages")
    String create(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        long workspace = access.workspaceForNew(null, Role.ADMIN);
        try {
            StorageConfig created = forms.create(form, workspace);
            audit.record("storage.create", "storage " + created.id() + " (" + created.name() + ")", workspace, "from the web UI", AuditLog.OK);
            redirect.addFlashAttribute("notice", "Storage \"" + created.name() + "\" created: a probe object was written, read back and deleted.");
            return "redirect:/storages";
        } catch (ApiException e) {
            return page(model, Forms.errors(e), form);
        }
    }

    @PostMapping("/storages/{id}/test")
    String test(@PathVariable long id, RedirectAttributes redirect) {
        access.storage(id, Role.ADMIN);
        StorageConfig s = storages.get(id);
        try {
            service.test(id);
            redirect.addFlashAttribute("notice", "Storage \"" + s.name() + "\" works: a probe object was written, read back and deleted.");
        } catch (ApiException e) {
            redirect.addFlashAttribute("problem", "Storage \"" + s.name() + "\" failed its test: " + e.getMessage());
        }
        return "redirect:/storages";
    }

    private String page(Model model, Map<String, String> errors, Map<String, String> form) {
        var visible = access.workspaces(Role.VIEWER);
        model.addAttribute("storages", storages.list().stream().filter(st -> visible.contains(st.workspaceId())).toList());
        model.addAttribute("types", forms.types());
        model.addAttribute("errors", errors);
        model.addAttribute("form", form);
        model.addAttribute("page", "storages");
        return "storages";
    }
}
