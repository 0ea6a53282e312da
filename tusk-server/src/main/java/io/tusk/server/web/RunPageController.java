package io.tusk.server.web;

import io.tusk.server.security.Role;
import io.tusk.server.security.Access;
import io.tusk.server.audit.AuditLog;
import io.tusk.server.api.ApiException;
import io.tusk.server.database.DatabaseRepository;
import io.tusk.server.run.Run;
import io.tusk.server.run.RunService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** One run: live progress while it runs, then its result and its log; cancel. */
@Controller
class RunPageController {
    private final Access access;
    private final AuditLog audit;
    private final RunService runs;
    private final DatabaseRepository databases;

    RunPageController(RunService runs, DatabaseRepository databases, Access access, AuditLog audit) {
        this.access = access;
        this.audit = audit;
        this.runs = runs;
        this.databases = databases;
    }

    @GetMapping("/runs/{id}")
    String run(@PathVariable long id, Model model) {
        access.run(id, Role.VIEWER);
        Run run = runs.repository().get(id);
        model.addAttribute("run", run);
        model.addAttribute("db", databases.find(run.databaseId()).orElse(null));
        model.addAttribute("page", "dashboard");
        return "run";
    }

    @PostMapping("/runs/{id}/cancel")
    String cancel(@PathVariable long id, RedirectAttributes redirect) {
        long workspace = access.run(id, Role.OPERATOR);
        Run run = runs.repository().get(id);
        try {
            runs.cancel(id);
            audit.record("run.cancel", "run " + id + " of database " + run.databaseId(), workspace, "from the web UI", AuditLog.OK);
            redirect.addFlashAttribute("notice", "Cancel requested for run " + id + ".");
        } catch (ApiException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/databases/" + run.databaseId();
    }
}
