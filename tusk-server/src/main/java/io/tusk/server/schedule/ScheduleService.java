package io.tusk.server.schedule;

import io.tusk.server.api.ApiException;
import io.tusk.server.database.DatabaseRepository;
import io.tusk.server.run.RunScheduler;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Schedules: validated when saved, planned in db-scheduler as their next firing. */
@Service
public class ScheduleService implements RunScheduler.ScheduleLookup {
    private static final int PREVIEW = 5;
    private final ScheduleRepository repository;
    private final DatabaseRepository databases;
    private final RunScheduler scheduler;

    ScheduleService(ScheduleRepository repository, DatabaseRepository databases, @org.springframework.context.annotation.Lazy RunScheduler scheduler) {
        this.repository = repository;
        this.databases = databases;
        this.scheduler = scheduler;
    }

    public List<BackupSchedule> list(Long databaseId) {
        return repository.list(databaseId).stream().map(ScheduleService::view).toList();
    }

    public BackupSchedule get(long id) {
        return view(repository.get(id));
    }

    @Transactional
    public BackupSchedule create(ScheduleRequest request) {
        long databaseId = database(request);
        ScheduleSpec spec = ScheduleSpec.of(request);
        boolean enabled = request.enabled() == null || request.enabled();
        long id = repository.insert(databaseId, spec, enabled);
        scheduler.plan(id, spec.next(Instant.now()));
        return get(id);
    }

    @Transactional
    public BackupSchedule update(long id, ScheduleRequest request) {
        repository.get(id);
        long databaseId = database(request);
        ScheduleSpec spec = ScheduleSpec.of(request);
        boolean enabled = request.enabled() == null || request.enabled();
        repository.update(id, databaseId, spec, enabled);
        scheduler.plan(id, spec.next(Instant.now()));
        return get(id);
    }

    @Transactional
    public void delete(long id) {
        repository.get(id);
        repository.delete(id);
        scheduler.unplan(id);
    }

    /** Without saving: when a schedule as entered would run next, for the wizard's preview. */
    public List<Instant> preview(ScheduleRequest request, int count) {
        return ScheduleSpec.of(request).next(Instant.now(), Math.max(1, Math.min(count, 50)));
    }

    @Override
    public Slot find(long scheduleId) {
        return repository.find(scheduleId).map(r -> new Slot(r.databaseId(), r.spec(), r.enabled())).orElse(null);
    }

    private long database(ScheduleRequest request) {
        if (request.databaseId() == null) {
            throw ApiException.badRequest("databaseId", "a schedule needs the databaseId it backs up");
        }
        databases.find(request.databaseId()).orElseThrow(() -> ApiException.badRequest("databaseId", "no database with id " + request.databaseId()));
        return request.databaseId();
    }

    private static BackupSchedule view(ScheduleRepository.Row r) {
        List<Instant> next = r.enabled() ? r.spec().next(Instant.now(), PREVIEW) : List.of();
        return new BackupSchedule(r.id(), r.databaseId(), r.spec().kind(), r.spec().expression(), r.spec().cron(),
                r.spec().zone().getId(), r.enabled(), next.isEmpty() ? null : next.get(0), next, r.createdAt());
    }
}
