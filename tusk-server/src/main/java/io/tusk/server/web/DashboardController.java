package io.tusk.server.web;

import io.tusk.server.storage.StorageRepository;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The dashboard: every database, failing ones first; with none yet, what to do next. */
@Controller
class DashboardController {
    private final DatabaseOverview overview;
    private final StorageRepository storages;

    DashboardController(DatabaseOverview overview, StorageRepository storages) {
        this.overview = overview;
        this.storages = storages;
    }

    @GetMapping("/")
    String dashboard(Model model) {
        List<DatabaseSummary> all = overview.all().stream()
                .sorted(Comparator.comparing((DatabaseSummary s) -> !s.failing()).thenComparing(s -> s.database().name()))
                .toList();
        model.addAttribute("summaries", all);
        model.addAttribute("failing", all.stream().filter(DatabaseSummary::failing).count());
        model.addAttribute("storageCount", storages.list().size());
        model.addAttribute("page", "dashboard");
        return "dashboard";
    }
}
