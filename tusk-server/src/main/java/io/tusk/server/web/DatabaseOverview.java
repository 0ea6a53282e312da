package io.tusk.server.web;

import io.tusk.server.backup.BackupRecord;
import io.tusk.server.backup.BackupRepository;
import io.tusk.server.database.DatabaseRepository;
import io.tusk.server.database.RegisteredDatabase;
import io.tusk.server.run.Run;
import io.tusk.server.run.RunRepository;
import io.tusk.server.schedule.BackupSchedule;
import io.tusk.server.schedule.ScheduleService;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** Gathers what the dashboard and a database's page show about a database: backups, runs, schedules, health. */
@Component
class DatabaseOverview {
    private static final int RECENT_RUNS = 50;
    private final DatabaseRepository databases;
    private final BackupRepository backups;
    private final RunRepository runs;
    private final ScheduleService schedules;
    private final WebFormat fmt;

    DatabaseOverview(DatabaseRepository databases, BackupRepository backups, RunRepository runs, ScheduleService schedules, WebFormat fmt) {
        this.databases = databases;
        this.backups = backups;
        this.runs = runs;
        this.schedules = schedules;
        this.fmt = fmt;
    }

    List<DatabaseSummary> all() {
        return databases.list().stream().map(this::summary).toList();
    }

    DatabaseSummary summary(RegisteredDatabase d) {
        List<BackupRecord> history = backups.list(d.id());
        List<Run> recent = runs.list(d.id(), Run.BACKUP, RECENT_RUNS);
        Run active = runs.list(d.id(), null, RECENT_RUNS).stream().filter(r -> !r.finished()).findFirst().orElse(null);
        Run lastFinished = recent.stream().filter(Run::finished).findFirst().orElse(null);
        Instant next = schedules.list(d.id()).stream().map(BackupSchedule::nextRunAt).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(null);
        String health;
        if (active != null) {
            health = "running";
        } else if (lastFinished != null && lastFinished.status().equals("failed")) {
            health = "failing";
        } else if (lastFinished != null && lastFinished.status().equals("succeeded")) {
            health = "ok";
        } else if (lastFinished != null && !history.isEmpty()) {
            health = "ok"; // the last run was cancelled: the backup before it still stands
        } else if (d.storageId() == null) {
            health = "unconfigured";
        } else {
            health = "never";
        }
        return new DatabaseSummary(d, history.isEmpty() ? null : history.get(0), lastFinished, active, next, health,
                HistoryChart.of(history, fmt));
    }
}
