package io.tusk.server.web;

import io.tusk.server.backup.BackupRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The recent backups of a database as a small SVG chart drawn on the server (no script): a bar per backup for its
 * stored size, and a line through the durations, both scaled to their own maximum.
 */
public record HistoryChart(List<Bar> bars, String durationLine, String summary) {
    static final int WIDTH = 200;
    static final int HEIGHT = 40;
    private static final int BACKUPS = 20;

    public record Bar(double x, double width, double y, double height, String title) {
    }

    public boolean empty() {
        return bars.isEmpty();
    }

    static HistoryChart of(List<BackupRecord> newestFirst, WebFormat fmt) {
        List<BackupRecord> recent = new ArrayList<>(newestFirst.subList(0, Math.min(BACKUPS, newestFirst.size())));
        recent.sort(Comparator.comparing(BackupRecord::finishedAt));
        if (recent.isEmpty()) {
            return new HistoryChart(List.of(), "", "no backups yet");
        }
        long maxSize = Math.max(1, recent.stream().mapToLong(BackupRecord::storedBytes).max().orElse(1));
        long maxMillis = Math.max(1, recent.stream().mapToLong(HistoryChart::millis).max().orElse(1));
        double slot = (double) WIDTH / BACKUPS;
        List<Bar> bars = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < recent.size(); i++) {
            BackupRecord b = recent.get(i);
            double height = Math.max(1, (HEIGHT - 2) * (double) b.storedBytes() / maxSize);
            double x = i * slot;
            bars.add(new Bar(round(x + 1), round(slot - 2), round(HEIGHT - height), round(height),
                    fmt.time(b.finishedAt()) + ": " + fmt.bytes(b.storedBytes()) + " in " + fmt.duration(b.startedAt(), b.finishedAt())));
            double y = HEIGHT - 1 - (HEIGHT - 4) * (double) millis(b) / maxMillis;
            line.append(line.isEmpty() ? "" : " ").append(round(x + slot / 2)).append(',').append(round(y));
        }
        BackupRecord last = recent.get(recent.size() - 1);
        String summary = recent.size() + " recent backups; the last " + fmt.bytes(last.storedBytes()) + " in "
                + fmt.duration(last.startedAt(), last.finishedAt()) + "; largest " + fmt.bytes(maxSize) + ", slowest "
                + WebFormat.exact(Duration.ofMillis(maxMillis));
        return new HistoryChart(bars, line.toString(), summary);
    }

    private static long millis(BackupRecord b) {
        return Math.max(0, Duration.between(b.startedAt(), b.finishedAt()).toMillis());
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
