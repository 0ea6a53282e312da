package io.tusk.notify;

import java.time.Duration;

/**
 * One successful backup as the anomaly detector sees it.
 *
 * @param duration  from start to manifest written
 * @param sizeBytes the stored size
 */
public record BackupRun(Duration duration, long sizeBytes) {
    public BackupRun {
        if (duration.isNegative() || sizeBytes < 0) {
            throw new IllegalArgumentException("a backup run has a non-negative duration and size: " + duration
                    + ", " + sizeBytes);
        }
    }
}
