package io.tusk.server.schedule;

import java.time.Instant;
import java.util.List;

public record BackupSchedule(long id, long databaseId, String kind, String expression, String cron, String zone,
                             boolean enabled, Instant nextRunAt, List<Instant> nextRuns, Instant createdAt) {
}
