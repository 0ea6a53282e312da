package io.tusk.server.retention;

import io.tusk.pipeline.storage.Storage;
import io.tusk.server.backup.BackupRecord;
import io.tusk.server.backup.BackupRepository;
import io.tusk.server.database.RegisteredDatabase;
import io.tusk.server.run.RunRepository;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Applies a database's retention after each successful backup (never after a failed one: a failing schedule must
 * not eat the backups it can no longer replace). Deleting a backup removes its manifest first, so that a partial
 * deletion leaves garbage rather than a listed backup without its data, then its object, then its row.
 */
@Service
public class RetentionService {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionService.class);
    private final BackupRepository backups;
    private final RunRepository runs;
    private final Clock clock;

    RetentionService(BackupRepository backups, RunRepository runs, Clock clock) {
        this.backups = backups;
        this.runs = runs;
        this.clock = clock;
    }

    /** The plan for each source database on its own: a whole-server registration keeps N backups of each database. */
    public RetentionPlanner.Plan preview(RegisteredDatabase db, RetentionPolicy policy) {
        Map<String, List<RetentionPlanner.Candidate>> bySource = new TreeMap<>();
        for (BackupRecord b : backups.list(db.id())) {
            String source = b.sourceDatabase() == null ? "" : b.sourceDatabase();
            bySource.computeIfAbsent(source, k -> new ArrayList<>()).add(new RetentionPlanner.Candidate(b.backupId(), b.finishedAt()));
        }
        Set<String> inUse = new HashSet<>(runs.backupsInUse());
        List<RetentionPlanner.Candidate> keep = new ArrayList<>();
        List<RetentionPlanner.Candidate> delete = new ArrayList<>();
        for (List<RetentionPlanner.Candidate> candidates : bySource.values()) {
            RetentionPlanner.Plan plan = RetentionPlanner.plan(policy, candidates, clock.instant(), inUse, ZoneOffset.UTC);
            keep.addAll(plan.keep());
            delete.addAll(plan.delete());
        }
        return new RetentionPlanner.Plan(keep, delete);
    }

    /** What one application of retention did. */
    public record Outcome(int deleted, long freedBytes, int kept) {
    }

    public Outcome apply(RegisteredDatabase db, Storage storage, Consumer<String> log) {
        RetentionPlanner.Plan plan = preview(db, db.retention());
        int deleted = 0;
        long freed = 0;
        for (RetentionPlanner.Candidate c : plan.delete()) {
            BackupRecord b = backups.find(c.id()).orElse(null);
            if (b == null || b.storageId() != db.storageId()) {
                continue;
            }
            try {
                delete(storage, b);
                deleted++;
                freed += b.storedBytes();
                log.accept("retention deleted backup " + b.backupId() + " of " + b.finishedAt());
            } catch (IOException | RuntimeException e) {
                LOG.warn("retention could not delete backup {}: {}", b.backupId(), e.getMessage());
                log.accept("retention could not delete backup " + b.backupId() + ": " + e.getMessage());
            }
        }
        return new Outcome(deleted, freed, plan.keep().size() + plan.delete().size() - deleted);
    }

    public void delete(Storage storage, BackupRecord b) throws IOException {
        storage.delete(b.manifestKey());
        storage.delete(b.objectKey());
        backups.delete(b.backupId());
    }
}
