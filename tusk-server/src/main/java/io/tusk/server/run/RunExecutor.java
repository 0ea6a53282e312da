package io.tusk.server.run;

import io.tusk.server.DataDirectory;
import io.tusk.server.metrics.RunMetrics;
import io.tusk.server.notify.RunNotifications;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Executes one queued run on this server: claims it, runs the job, records how it ended. */
@Component
class RunExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(RunExecutor.class);

    enum Outcome { DONE, BUSY }

    private final RunRepository runs;
    private final BackupJob backupJob;
    private final RestoreJob restoreJob;
    private final RunMetrics metrics;
    private final RunNotifications notifications;
    private final String node;

    RunExecutor(RunRepository runs, BackupJob backupJob, RestoreJob restoreJob, RunMetrics metrics,
                RunNotifications notifications, DataDirectory dataDirectory) {
        this.runs = runs;
        this.backupJob = backupJob;
        this.restoreJob = restoreJob;
        this.metrics = metrics;
        this.notifications = notifications;
        this.node = dataDirectory.nodeId();
    }

    Outcome execute(long runId) {
        Run run = runs.find(runId).orElse(null);
        if (run == null || !run.status().equals("queued")) {
            return Outcome.DONE;
        }
        if (!runs.claim(runId, run.databaseId(), node)) {
            return Outcome.BUSY;
        }
        RunLog log = new RunLog();
        Instant started = Instant.now();
        String backupId = null;
        String status;
        String error = null;
        try {
            if (run.kind().equals(Run.BACKUP)) {
                backupId = backupJob.run(run, log);
            } else {
                restoreJob.run(run, log);
            }
            status = "succeeded";
        } catch (RunCancelledException e) {
            status = "cancelled";
            error = "cancelled";
            log.line("cancelled");
        } catch (Exception | Error e) {
            if (runs.cancelRequested(runId)) {
                status = "cancelled";
                error = "cancelled";
                log.line("cancelled");
            } else {
                status = "failed";
                error = e.getMessage() == null ? e.toString() : e.getMessage();
                log.line("failed: " + error);
                LOG.warn("{} run {} failed: {}", run.kind(), runId, error);
            }
        }
        runs.finish(runId, status, error, log.toString(), backupId);
        Run ended = runs.get(runId);
        metrics.finished(ended, Duration.between(started, Instant.now()));
        notifications.finished(ended);
        return Outcome.DONE;
    }

    String node() {
        return node;
    }
}
