package io.tusk.server.retention;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides which backups a {@link RetentionPolicy} deletes. Pure: the same backups, time and policy give the same
 * plan, so the server's preview is exactly what the next run would do. Never deletes the newest backup nor a
 * protected one (being restored or verified).
 */
public final class RetentionPlanner {
    /** A successful backup: its id and when it finished. */
    public record Candidate(String id, Instant time) {
    }

    public record Plan(List<Candidate> keep, List<Candidate> delete) {
    }

    private RetentionPlanner() {
    }

    public static Plan plan(RetentionPolicy policy, List<Candidate> backups, Instant now, Set<String> protectedIds, ZoneId zone) {
        List<Candidate> newestFirst = new ArrayList<>(backups);
        newestFirst.sort(Comparator.comparing(Candidate::time).reversed().thenComparing(Candidate::id));
        if (policy.keepsAll() || newestFirst.isEmpty()) {
            return new Plan(newestFirst, List.of());
        }
        Set<String> kept = new LinkedHashSet<>();
        kept.add(newestFirst.get(0).id());
        for (Candidate c : newestFirst) {
            if (protectedIds.contains(c.id())) {
                kept.add(c.id());
            }
        }
        if (policy.keepLast() != null) {
            newestFirst.stream().limit(policy.keepLast()).forEach(c -> kept.add(c.id()));
        }
        if (policy.keepDays() != null) {
            Instant cutoff = now.minus(Duration.ofDays(policy.keepDays()));
            newestFirst.stream().filter(c -> !c.time().isBefore(cutoff)).forEach(c -> kept.add(c.id()));
        }
        keepNewestPerPeriod(newestFirst, policy.hourly(), t -> t.truncatedTo(ChronoUnit.HOURS), zone, kept);
        keepNewestPerPeriod(newestFirst, policy.daily(), t -> t.truncatedTo(ChronoUnit.DAYS), zone, kept);
        keepNewestPerPeriod(newestFirst, policy.weekly(), t -> t.truncatedTo(ChronoUnit.DAYS)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), zone, kept);
        keepNewestPerPeriod(newestFirst, policy.monthly(), t -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1), zone, kept);
        keepNewestPerPeriod(newestFirst, policy.yearly(), t -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1), zone, kept);

        List<Candidate> keep = new ArrayList<>();
        List<Candidate> delete = new ArrayList<>();
        for (Candidate c : newestFirst) {
            (kept.contains(c.id()) ? keep : delete).add(c);
        }
        return new Plan(keep, delete);
    }

    private static void keepNewestPerPeriod(List<Candidate> newestFirst, Integer periods,
                                            Function<ZonedDateTime, ZonedDateTime> periodStart, ZoneId zone, Set<String> kept) {
        if (periods == null) {
            return;
        }
        Set<ZonedDateTime> seen = new HashSet<>();
        for (Candidate c : newestFirst) {
            ZonedDateTime period = periodStart.apply(c.time().atZone(zone));
            if (!seen.contains(period)) {
                if (seen.size() == periods) {
                    return;
                }
                seen.add(period);
                kept.add(c.id());
            }
        }
    }
}
