package io.tusk.server.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.server.retention.RetentionPlanner.Candidate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetentionPlannerTest {
    /** A backup every day at 02:00 UTC from 2026-01-01 to 2026-12-31. */
    private static List<Candidate> aYearOfDailyBackups() {
        List<Candidate> backups = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2026, 1, 1); !d.isAfter(LocalDate.of(2026, 12, 31)); d = d.plusDays(1)) {
            backups.add(new Candidate(d.toString(), d.atTime(2, 0).toInstant(ZoneOffset.UTC)));
        }
        return backups;
    }

    private static final Instant NOW = Instant.parse("2026-12-31T03:00:00Z");

    @Test
    void shouldKeepExactlyTheGrandfatherFatherSonSetOfAYearOfDailyBackups() {
        RetentionPolicy gfs = new RetentionPolicy(null, null, null, 7, 4, 12, 2);
        RetentionPlanner.Plan plan = RetentionPlanner.plan(gfs, aYearOfDailyBackups(), NOW, Set.of(), ZoneOffset.UTC);
        List<String> kept = plan.keep().stream().map(Candidate::id).sorted().toList();
        assertThat(kept).containsExactly(
                // monthly: the newest of each month, January to November (December's newest is the 31st)
                "2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31", "2026-06-30", "2026-07-31",
                "2026-08-31", "2026-09-30", "2026-10-31", "2026-11-30",
                // weekly: the newest of the ISO weeks starting Mondays 2026-12-07, -14, -21 (the 28th's week is the daily 31st)
                "2026-12-13", "2026-12-20",
                // daily: the last seven days (the 27th closes the week of Monday 21st)
                "2026-12-25", "2026-12-26", "2026-12-27", "2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31");
        assertThat(plan.keep()).hasSize(20);
        assertThat(plan.delete()).hasSize(365 - 20);
    }

    @Test
    void shouldKeepTheNewestNOrTheLastDays() {
        List<Candidate> year = aYearOfDailyBackups();
        assertThat(RetentionPlanner.plan(new RetentionPolicy(3, null, null, null, null, null, null), year, NOW, Set.of(), ZoneOffset.UTC).keep())
                .extracting(Candidate::id).containsExactly("2026-12-31", "2026-12-30", "2026-12-29");
        assertThat(RetentionPlanner.plan(new RetentionPolicy(null, 10, null, null, null, null, null), year, NOW, Set.of(), ZoneOffset.UTC).keep())
                .hasSize(10).extracting(Candidate::id).endsWith("2026-12-22");
    }

    @Test
    void shouldNeverDeleteTheNewestNorAProtectedBackupNorAnythingWithoutRules() {
        List<Candidate> year = aYearOfDailyBackups();
        RetentionPolicy keepOneDay = new RetentionPolicy(null, 1, null, null, null, null, null);
        Instant muchLater = NOW.plus(Duration.ofDays(400));
        RetentionPlanner.Plan plan = RetentionPlanner.plan(keepOneDay, year, muchLater, Set.of("2026-03-01"), ZoneOffset.UTC);
        assertThat(plan.keep()).extracting(Candidate::id).containsExactly("2026-12-31", "2026-03-01");
        assertThat(RetentionPlanner.plan(RetentionPolicy.KEEP_ALL, year, NOW, Set.of(), ZoneOffset.UTC).delete()).isEmpty();
    }
}
