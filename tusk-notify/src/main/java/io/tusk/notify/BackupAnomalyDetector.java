package io.tusk.notify;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Says whether a backup took much longer or came out much smaller than usual, against the median of the recent
 * successful runs: medians and the median absolute deviation (MAD) are not moved by one odd run, as a mean and a
 * standard deviation would be.
 *
 * <ul>
 *   <li>too slow: duration > max(2 x median, median + 3 x MAD), and at least {@code minSlowdown} over the median
 *       (a 4-second backup taking 9 s is noise, not news);</li>
 *   <li>too small: size < 0.5 x median size (a table emptied, a schema dropped, a filter gone wrong);</li>
 *   <li>nothing is said with fewer than {@code minRuns} earlier runs; only the last {@code window} count.</li>
 * </ul>
 */
public final class BackupAnomalyDetector {
    private final int minRuns;
    private final int window;
    private final Duration minSlowdown;

    /** At least 5 earlier runs, the last 20 of them, slow only when at least one minute over the median. */
    public BackupAnomalyDetector() {
        this(5, 20, Duration.ofMinutes(1));
    }

    public BackupAnomalyDetector(int minRuns, int window, Duration minSlowdown) {
        if (minRuns < 1 || window < minRuns) {
            throw new IllegalArgumentException("need 1 <= minRuns <= window, got " + minRuns + " and " + window);
        }
        this.minRuns = minRuns;
        this.window = window;
        this.minSlowdown = minSlowdown;
    }

    /** What was unusual, ready for a {@link EventType#BACKUP_ANOMALY} event. */
    public record Anomaly(boolean slow, boolean small, String summary, Map<String, String> details) {
        public NotificationEvent toEvent(String database, java.time.Instant time, java.net.URI link) {
            return new NotificationEvent(EventType.BACKUP_ANOMALY, database, time, summary, details, link);
        }
    }

    /**
     * @param earlierRuns the database's earlier successful runs, oldest first (the newest {@code window} are used)
     * @param run         the run just finished
     */
    public Optional<Anomaly> check(List<BackupRun> earlierRuns, BackupRun run) {
        if (earlierRuns.size() < minRuns) {
            return Optional.empty();
        }
        List<BackupRun> recent = earlierRuns.subList(Math.max(0, earlierRuns.size() - window), earlierRuns.size());
        double[] durations = recent.stream().mapToDouble(r -> r.duration().toMillis()).toArray();
        double[] sizes = recent.stream().mapToDouble(BackupRun::sizeBytes).toArray();
        double medianDuration = median(durations);
        double mad = medianAbsoluteDeviation(durations, medianDuration);
        double slowLimit = Math.max(Math.max(2 * medianDuration, medianDuration + 3 * mad),
                medianDuration + minSlowdown.toMillis());
        double medianSize = median(sizes);
        boolean slow = run.duration().toMillis() > slowLimit;
        boolean small = run.sizeBytes() < 0.5 * medianSize;
        if (!slow && !small) {
            return Optional.empty();
        }
        String basis = " (median of the last " + recent.size() + " successful runs)";
        Map<String, String> details = new LinkedHashMap<>();
        StringBuilder summary = new StringBuilder();
        if (slow) {
            summary.append("took ").append(Units.duration(run.duration().toMillis())).append(", ")
                    .append(String.format(Locale.ROOT, "%.1f", run.duration().toMillis() / medianDuration))
                    .append("x the usual ").append(Units.duration(medianDuration));
            details.put("Duration", Units.duration(run.duration().toMillis()));
            details.put("Usual duration", Units.duration(medianDuration) + basis);
        }
        if (small) {
            summary.append(slow ? "; " : "").append("came out ").append(Units.size(run.sizeBytes())).append(", ")
                    .append(Math.round(100 * run.sizeBytes() / medianSize)).append("% of the usual ")
                    .append(Units.size(medianSize));
            details.put("Size", Units.size(run.sizeBytes()));
            details.put("Usual size", Units.size(medianSize) + basis);
        }
        return Optional.of(new Anomaly(slow, small, "Backup " + summary, details));
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    static double medianAbsoluteDeviation(double[] values, double median) {
        return median(Arrays.stream(values).map(value -> Math.abs(value - median)).toArray());
    }
}
