package io.tusk.server.web;

import io.tusk.server.api.ApiException;
import io.tusk.server.retention.RetentionPlanner;
import io.tusk.server.retention.RetentionPolicy;
import io.tusk.server.schedule.ScheduleSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the retention being entered would keep: a new database has no backups yet, so its schedule is played
 * forward a year and the server's own planner is asked which of those backups would still be kept at the end.
 */
@Component
class PolicyPreview {
    private static final Duration HORIZON = Duration.ofDays(365);
    private static final int MAX_BACKUPS = 10_000;

    void addTo(Model model, WizardDraft d) {
        try {
            RetentionPolicy policy = d.retention();
            ScheduleSpec spec = d.scheduled() ? ScheduleSpec.of(d.schedule(null)) : ScheduleSpec.of(
                    new io.tusk.server.schedule.ScheduleRequest(null, "daily", null, "03:00", null, null, null, "UTC", true));
            Instant start = Instant.now();
            List<RetentionPlanner.Candidate> made = new ArrayList<>();
            Instant t = start;
            while (made.size() < MAX_BACKUPS) {
                t = spec.next(t);
                if (t == null || t.isAfter(start.plus(HORIZON))) {
                    break;
                }
                made.add(new RetentionPlanner.Candidate("b" + made.size(), t));
            }
            if (made.isEmpty()) {
                model.addAttribute("retentionPreview", "the schedule makes no backup within a year");
                return;
            }
            Instant end = made.get(made.size() - 1).time();
            RetentionPlanner.Plan plan = RetentionPlanner.plan(policy, made, end, Set.of(), ZoneOffset.UTC);
            Instant oldest = plan.keep().stream().map(RetentionPlanner.Candidate::time).min(Comparator.naturalOrder()).orElse(end);
            long days = Duration.between(oldest, end).toDays();
            model.addAttribute("retentionPreview", "After a year of " + (d.scheduled() ? "this schedule" : "daily backups")
                    + " (" + made.size() + " backups), this policy keeps " + plan.keep().size() + " of them and deletes "
                    + plan.delete().size() + "; the oldest kept is " + days + " days old.");
        } catch (ApiException e) {
            model.addAttribute("retentionPreview", null);
            model.addAttribute("retentionError", e.getMessage());
            model.addAttribute("retentionErrorField", e.field());
        }
    }
}
