package io.tusk.server.run;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.tusk.server.DataDirectory;
import io.tusk.server.notify.RunNotifications;
import io.tusk.server.audit.AuditLog;
import io.tusk.server.schedule.ScheduleSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * db-scheduler on the metadata database: every run and every schedule's next firing is a row in
 * {@code scheduled_tasks}, claimed by exactly one server, so servers sharing a PostgreSQL metadata database run each
 * backup once and take over the work of one that died (its executions stop heartbeating).
 *
 * <p>A schedule is one recurring execution: when it fires it queues a run for that slot and reschedules itself for
 * the next slot after now, so a server that was down for a day runs a missed hourly backup once, not 24 times.
 */
@Component
public class RunScheduler implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(RunScheduler.class);
    static final String RUN_TASK = "tusk-run";
    static final String SCHEDULE_TASK = "tusk-schedule";
    static final String HEALTH_TASK = "tusk-health";
    private static final Duration BUSY_RETRY = Duration.ofSeconds(5);
    /** A slot fired this late was missed (every server down, or all busy): it runs now, and people are told. */
    private static final Duration MISSED_AFTER = Duration.ofMinutes(5);

    private final Scheduler scheduler;
    private final CustomTask<String> runTask;
    private final CustomTask<String> scheduleTask;
    private final com.github.kagkarlsson.scheduler.task.helper.RecurringTask<Void> healthTask;
    private final RunRepository runs;
    private final RunExecutor executor;
    private final ScheduleLookup schedules;
    private final RunNotifications notifications;
    private final PartialBackupCleanup cleanup;
    private final AuditLog audit;
    private volatile boolean running;

    /** What the scheduler needs to know of a schedule when it fires; implemented by the schedule feature. */
    public interface ScheduleLookup {
        /** The schedule's database and spec, or null when it was deleted; spec null when disabled. */
        Slot find(long scheduleId);

        record Slot(long databaseId, ScheduleSpec spec, boolean enabled) {
        }
    }

    RunScheduler(DataSource dataSource, RunRepository runs, RunExecutor executor, ScheduleLookup schedules,
                 RunNotifications notifications, PartialBackupCleanup cleanup,
                 @Value("${tusk.max-concurrent-runs:2}") int maxConcurrentRuns,
                 @Value("${tusk.scheduler.polling-interval:PT1S}") Duration pollingInterval,
                 @Value("${tusk.scheduler.heartbeat-interval:PT10S}") Duration heartbeat,
                 @Value("${tusk.health-check-interval:PT5M}") Duration healthInterval,
                 io.tusk.server.database.HealthCheck health, io.tusk.server.storage.StorageHealthCheck storageHealth,
                 DataDirectory dataDirectory, AuditLog audit) {
        this.runs = runs;
        this.audit = audit;
        this.executor = executor;
        this.schedules = schedules;
        this.notifications = notifications;
        this.cleanup = cleanup;
        this.runTask = Tasks.custom(RUN_TASK, String.class)
                .onDeadExecution((complete, ops) -> {
                    deadRun(Long.parseLong((String) complete.getExecution().taskInstance.getData()));
                    ops.remove();
                })
                .execute((instance, context) -> {
                    RunExecutor.Outcome outcome = executor.execute(Long.parseLong(instance.getData()));
                    if (outcome == RunExecutor.Outcome.BUSY) {
                        return (complete, ops) -> ops.reschedule(complete, Instant.now().plus(BUSY_RETRY));
                    }
                    return new CompletionHandler.OnCompleteRemove<>();
                });
        this.scheduleTask = Tasks.custom(SCHEDULE_TASK, String.class)
                .execute((instance, context) -> fire(Long.parseLong(instance.getData()), context.getExecution().executionTime));
        this.healthTask = Tasks.recurring(HEALTH_TASK, com.github.kagkarlsson.scheduler.task.schedule.Schedules.fixedDelay(healthInterval))
                .execute((instance, context) -> {
                    health.checkAll();
                    storageHealth.checkAll();
                });
        this.scheduler = Scheduler.create(dataSource, List.of(runTask, scheduleTask))
                .startTasks(healthTask)
                .threads(maxConcurrentRuns + 1)
                .pollingInterval(pollingInterval)
                .heartbeatInterval(heartbeat)
                .schedulerName(new SchedulerName.Fixed(dataDirectory.nodeId()))
                .enableImmediateExecution()
                .build();
    }

    private CompletionHandler<String> fire(long scheduleId, Instant slot) {
        ScheduleLookup.Slot found = schedules.find(scheduleId);
        if (found == null) {
            return new CompletionHandler.OnCompleteRemove<>();
        }
        if (found.enabled()) {
            try {
                long runId = runs.queue(Run.BACKUP, found.databaseId(), scheduleId, slot, null, null);
                scheduler.schedule(runTask.instance(Long.toString(runId), Long.toString(runId)), Instant.now());
                LOG.info("schedule {} queued backup run {} for {}", scheduleId, runId, slot);
                audit.recordForDatabase("run.backup", "run " + runId + " of database " + found.databaseId(), found.databaseId(),
                        "by schedule " + scheduleId + " for " + slot);
                if (slot.isBefore(Instant.now().minus(MISSED_AFTER))) {
                    notifications.missed(found.databaseId(), slot, found.spec().kind() + " " + found.spec().expression());
                }
            } catch (DuplicateKeyException alreadyQueued) {
                LOG.info("schedule {}: the run for {} was already queued", scheduleId, slot);
            }
        }
        Instant next = found.spec().next(Instant.now());
        return (complete, ops) -> {
            if (next == null) {
                ops.remove();
            } else {
                ops.reschedule(complete, next);
            }
        };
    }

    /** The server that ran it stopped heartbeating: the run is over, and its partial upload is garbage. */
    private void deadRun(long runId) {
        runs.find(runId).ifPresent(run -> {
            if (run.status().equals("running")) {
                runs.finish(runId, "failed", "the server running it (" + run.node() + ") stopped during the run", run.log(), null);
                LOG.warn("run {} failed: its server {} stopped during the run", runId, run.node());
            }
        });
    }

    public void queue(long runId) {
        scheduler.schedule(runTask.instance(Long.toString(runId), Long.toString(runId)), Instant.now());
    }

    public void unqueue(long runId) {
        cancelQuietly(TaskInstanceId.of(RUN_TASK, Long.toString(runId)));
    }

    /** Creates or moves the schedule's next firing. */
    public void plan(long scheduleId, Instant next) {
        TaskInstanceId id = TaskInstanceId.of(SCHEDULE_TASK, Long.toString(scheduleId));
        if (scheduler.getScheduledExecution(id).isPresent()) {
            scheduler.reschedule(id, next);
        } else {
            scheduler.schedule(scheduleTask.instance(Long.toString(scheduleId), Long.toString(scheduleId)), next);
        }
    }

    public void unplan(long scheduleId) {
        cancelQuietly(TaskInstanceId.of(SCHEDULE_TASK, Long.toString(scheduleId)));
    }

    private void cancelQuietly(TaskInstanceId id) {
        if (scheduler.getScheduledExecution(id).isPresent()) {
            try {
                scheduler.cancel(id);
            } catch (RuntimeException e) {
                // picked meanwhile: it finds its run cancelled or its schedule deleted and ends by itself
                LOG.info("could not cancel {}: {}", id.getTaskName() + "/" + id.getId(), e.getMessage());
            }
        }
    }

    /**
     * Runs this server left running when it stopped: failed now, before the scheduler takes new work, and the
     * archive a dead backup run left without a manifest removed (no other run of that database can be going on:
     * the dead one still held it).
     */
    private void recoverOwnRuns() {
        for (Run run : runs.runningOn(executor.node())) {
            runs.finish(run.id(), "failed", "the server stopped during the run (restarted at " + Instant.now() + ")", run.log(), null);
            LOG.warn("run {} was left running by the previous start of this server: marked failed", run.id());
            if (run.kind().equals(Run.BACKUP)) {
                cleanup.removePartialBackup(run.databaseId());
            }
        }
    }

    @Override
    public void start() {
        recoverOwnRuns();
        scheduler.start();
        running = true;
    }

    @Override
    public void stop() {
        scheduler.stop();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
