package io.tusk.server.web;

import io.tusk.server.backup.BackupRecord;
import io.tusk.server.database.RegisteredDatabase;
import io.tusk.server.run.Run;
import java.time.Instant;

/**
 * One database as the dashboard shows it. {@code health}: ok (the last backup run succeeded), failing (it failed),
 * running, never (no backup run yet), unconfigured (no storage).
 */
public record DatabaseSummary(RegisteredDatabase database, BackupRecord lastBackup, Run lastRun, Run activeRun,
                              Instant nextRun, String health, HistoryChart chart) {
    public boolean failing() {
        return "failing".equals(health);
    }
}
