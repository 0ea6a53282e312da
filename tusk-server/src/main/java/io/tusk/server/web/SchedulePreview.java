package io.tusk.server.web;

import io.tusk.server.api.ApiException;
import io.tusk.server.schedule.ScheduleService;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.springframework.ui.Model;

/** The next five runs of the schedule being entered, shown in the time zone chosen for it. */
final class SchedulePreview {
    private static final int RUNS = 5;
    private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream().filter(z -> z.contains("/") || z.equals("UTC"))
            .sorted().toList();

    private SchedulePreview() {
    }

    static List<String> zones() {
        return ZONES;
    }

    static void addTo(Model model, ScheduleService schedules, WizardDraft d) {
        if (!d.scheduled()) {
            model.addAttribute("nextRuns", List.of());
            model.addAttribute("previewError", null);
            return;
        }
        try {
            List<Instant> next = schedules.preview(d.schedule(null), RUNS);
            model.addAttribute("nextRuns", next);
            model.addAttribute("previewZone", zone(d.zone));
            model.addAttribute("previewError", null);
        } catch (ApiException e) {
            model.addAttribute("nextRuns", List.of());
            model.addAttribute("previewError", e.getMessage());
        }
    }

    private static ZoneId zone(String id) {
        try {
            return id == null || id.isBlank() ? ZoneId.of("UTC") : ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
