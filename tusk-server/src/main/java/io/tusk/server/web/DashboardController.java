package io.tusk.server.web;

import io.tusk.server.security.Role;
import io.tusk.server.security.Access;
import io.tusk.server.audit.AuditLog;
import io.tusk.server.storage.StorageRepository;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The dashboard: every database, failing ones first; with none yet, what to do next. */
@Controller
class DashboardController {
    private final Access access;
    private final AuditLog audit;
    private final DatabaseOverview overview;
    private final StorageRepository storages;

    DashboardController(DatabaseOverview overview, StorageRepository storages, Access access, AuditLog audit) {
        this.access = access;
        this.audit = audit;
        this.overview = overview;
        this.storages = storages;
    }

    @GetMapping("/")
    String dashboard(Model model) {
        var visible = access.workspaces(Role.VIEWER);
        List<DatabaseSummary> all = overview.all().stream().filter(s -> visible.contains(s.database().workspaceId()))
                .sorted(Comparator.comparing((DatabaseSummary s) -> !s.failing()).thenComparing(s -> s.database().name()))
                .toList();
        model.addAttribute("summaries", all);
        model.addAttribute("failing", all.stream().filter(DatabaseSummary::failing).count());
        model.addAttribute("storageCount", storages.list().stream().filter(st -> visible.contains(st.workspaceId())).count());
        model.addAttribute("page", "dashboard");
        return "dashboard";
    }
}
