package io.tusk.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tusk.server.backup.BackupRepository;
import io.tusk.server.database.DatabaseRepository;
import io.tusk.server.database.RegisteredDatabase;
import io.tusk.server.run.Run;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Prometheus metrics: {@code tusk_runs_total{kind,status}}, {@code tusk_run_duration_seconds},
 * {@code tusk_backup_size_bytes}, and {@code tusk_backup_last_success_timestamp_seconds{database}}, the one to alert on.
 */
@Component
public class RunMetrics {
    private final MeterRegistry registry;
    private final DatabaseRepository databases;
    private final Map<Long, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

    RunMetrics(MeterRegistry registry, DatabaseRepository databases, BackupRepository backups) {
        this.registry = registry;
        this.databases = databases;
        for (RegisteredDatabase d : databases.list()) {
            backups.list(d.id()).stream().findFirst().ifPresent(b -> gauge(d.id(), d.name()).set(b.finishedAt().getEpochSecond()));
        }
    }

    public void finished(Run run, Duration duration) {
        Counter.builder("tusk.runs").tag("kind", run.kind()).tag("status", run.status()).register(registry).increment();
        Timer.builder("tusk.run.duration").tag("kind", run.kind()).tag("status", run.status()).register(registry).record(duration);
        if (run.kind().equals(Run.BACKUP) && run.status().equals("succeeded")) {
            DistributionSummary.builder("tusk.backup.size").baseUnit("bytes").register(registry).record(run.bytesDone());
            String name = databases.find(run.databaseId()).map(RegisteredDatabase::name).orElse(Long.toString(run.databaseId()));
            gauge(run.databaseId(), name).set(run.finishedAt().getEpochSecond());
        }
    }

    private AtomicLong gauge(long databaseId, String name) {
        return lastSuccess.computeIfAbsent(databaseId, id -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("tusk.backup.last.success.timestamp", value, AtomicLong::get).baseUnit("seconds")
                    .tag("database", name).register(registry);
            return value;
        });
    }
}
