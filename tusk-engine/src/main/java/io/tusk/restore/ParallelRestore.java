package io.tusk.restore;

import io.tusk.TuskException;
import io.tusk.archive.ArchiveEntry;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * pg_restore -j: after the pre-data section (restored serially), table data and post-data items run on several
 * connections. An item starts when the items it depends on are done, where a dependency on a table means its data
 * (so indexes and constraints wait for the rows), and never beside an item that needs a conflicting lock on the same
 * table (two ALTER TABLE ... ADD CONSTRAINT on one table, or foreign keys between two tables, could deadlock).
 */
final class ParallelRestore {
    private static final Set<String> EXCLUSIVE = Set.of("CONSTRAINT", "CHECK CONSTRAINT", "FK CONSTRAINT", "TRIGGER", "RULE",
            "POLICY", "ROW SECURITY", "INDEX ATTACH", "TABLE ATTACH", "DEFAULT");

    private final RestoreProcess process;
    private final List<ArchiveEntry> items;
    private final RestoreProcess.Workers workers;
    private final boolean stopOnFirstError;
    private final long splitLoadBytes;
    /** Each table data item's archive bytes, asked once: the ready items are ordered by them. */
    private final Map<Integer, Long> dataSizes = new HashMap<>();
    private final Map<Integer, Set<Integer>> waitsFor = new HashMap<>();
    private final Map<Integer, List<Integer>> dependents = new HashMap<>();
    private final Map<Integer, Set<String>> locks = new HashMap<>();

    ParallelRestore(RestoreProcess process, List<ArchiveEntry> items, List<ArchiveEntry> all, RestoreProcess.Workers workers,
                    boolean stopOnFirstError, long splitLoadBytes) {
        this.process = process;
        this.splitLoadBytes = splitLoadBytes;
        for (ArchiveEntry e : items) {
            if (e.desc().equals("TABLE DATA")) {
                dataSizes.put(e.dumpId(), process.dataSize(e));
            }
        }
        this.items = items;
        this.workers = workers;
        this.stopOnFirstError = stopOnFirstError;
        planDependencies(all);
    }

    private static String tableKey(ArchiveEntry e) {
        return e.namespace() + "." + e.tag();
    }

    private void planDependencies(List<ArchiveEntry> all) {
        Map<Integer, ArchiveEntry> byId = new HashMap<>();
        all.forEach(e -> byId.put(e.dumpId(), e));
        Set<Integer> scheduled = new HashSet<>();
        Map<String, List<Integer>> dataOfTable = new HashMap<>();
        for (ArchiveEntry e : items) {
            scheduled.add(e.dumpId());
            if (e.desc().equals("TABLE DATA")) {
                dataOfTable.computeIfAbsent(tableKey(e), k -> new ArrayList<>()).add(e.dumpId());
            }
        }
        for (ArchiveEntry e : items) {
            Set<Integer> deps = new LinkedHashSet<>();
            Set<String> tables = new HashSet<>();
            for (int dep : e.dependencies()) {
                ArchiveEntry d = byId.get(dep);
                if (d == null) {
                    continue;
                }
                if (d.desc().equals("TABLE")) {
                    tables.add(tableKey(d));
                    if (!e.desc().equals("TABLE DATA")) {
                        deps.addAll(dataOfTable.getOrDefault(tableKey(d), List.of()));
                    }
                } else if (scheduled.contains(dep)) {
                    deps.add(dep);
                }
            }
            waitsFor.put(e.dumpId(), deps);
            deps.forEach(d -> dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(e.dumpId()));
            if (EXCLUSIVE.contains(e.desc())) {
                locks.put(e.dumpId(), tables);
            }
        }
    }

    /** The first ready item, in start order, that needs no lock a running item holds; null when none. */
    private ArchiveEntry firstStartable(java.util.NavigableSet<ArchiveEntry> ready, Set<Integer> running) {
        for (ArchiveEntry candidate : ready) {
            if (!conflicts(candidate, running)) {
                return candidate;
            }
        }
        return null;
    }

    private boolean conflicts(ArchiveEntry candidate, Set<Integer> running) {
        Set<String> mine = locks.get(candidate.dumpId());
        if (mine == null || mine.isEmpty()) {
            return false;
        }
        for (int other : running) {
            Set<String> theirs = locks.get(other);
            if (theirs != null && theirs.stream().anyMatch(mine::contains)) {
                return true;
            }
        }
        return false;
    }

    private record Running(int dumpId, RestoreTarget target, List<RestoreTarget> helpers) {
        int slots() {
            return 1 + helpers.size();
        }
    }

    private boolean splitsLoad(ArchiveEntry e) {
        return e.desc().equals("TABLE DATA") && e.copyStmt() != null && !e.copyStmt().isEmpty()
                // one huge table is otherwise loaded by one server process however large -j is
                && splitLoadBytes > 0 && dataSizes.getOrDefault(e.dumpId(), 0L) >= splitLoadBytes;
    }

    /** Runs every item; returns the errors the workers ignored. */
    int run() throws IOException {
        String database = process.mainTarget().database();
        int jobs = workers.jobs();
        ArrayDeque<RestoreTarget> idle = new ArrayDeque<>();
        List<RestoreTarget> opened = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "tusk-restore-worker");
            t.setDaemon(true);
            return t;
        });
        ExecutorCompletionService<Integer> done = new ExecutorCompletionService<>(pool);
        Map<Future<Integer>, Running> running = new HashMap<>();
        Map<Integer, Integer> order = new HashMap<>();
        Map<Integer, ArchiveEntry> byId = new HashMap<>();
        Map<Integer, Integer> remaining = new HashMap<>();
        // kept in start order as items become ready: a list sorted again after every item made a restore of
        // thousands of tables quadratic
        java.util.NavigableSet<ArchiveEntry> ready = new java.util.TreeSet<>(startOrder(order));
        for (ArchiveEntry e : items) {
            order.put(e.dumpId(), order.size());
            byId.put(e.dumpId(), e);
            remaining.put(e.dumpId(), waitsFor.get(e.dumpId()).size());
            if (waitsFor.get(e.dumpId()).isEmpty()) {
                ready.add(e);
            }
        }
        int finished = 0;
        Throwable failure = null;
        try {
            while (true) {
                while (failure == null && slotsUsed(running) < jobs) {
                    Set<Integer> busy = new HashSet<>();
                    running.values().forEach(r -> busy.add(r.dumpId()));
                    ArchiveEntry next = firstStartable(ready, busy);
                    if (next == null) {
                        break;
                    }
                    ready.remove(next);
                    RestoreTarget target = idle.isEmpty() ? openWorker(database, opened) : idle.pop();
                    List<RestoreTarget> helpers = new ArrayList<>();
                    if (splitsLoad(next)) {
                        while (slotsUsed(running) + 1 + helpers.size() < jobs) {
                            helpers.add(idle.isEmpty() ? openWorker(database, opened) : idle.pop());
                        }
                    }
                    Future<Integer> f = done.submit(() -> {
                        process.restoreEntry(target, next, process.requiredParts(next), helpers);
                        return next.dumpId();
                    });
                    running.put(f, new Running(next.dumpId(), target, helpers));
                }
                if (running.isEmpty()) {
                    if (failure != null || finished == items.size()) {
                        break;
                    }
                    throw new IllegalStateException("parallel restore is stuck: " + (items.size() - finished)
                            + " items wait for dependencies that cannot complete");
                }
                Future<Integer> f = done.take();
                Running r = running.remove(f);
                idle.push(r.target());
                r.helpers().forEach(idle::push);
                try {
                    f.get();
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                    continue;
                }
                finished++;
                for (int dependent : dependents.getOrDefault(r.dumpId(), List.of())) {
                    if (remaining.merge(dependent, -1, Integer::sum) == 0) {
                        ready.add(byId.get(dependent));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TuskException("parallel restore interrupted", e);
        } finally {
            pool.shutdown();
        }
        int errors = 0;
        for (RestoreTarget t : opened) {
            errors += t.errorCount();
            t.close();
        }
        if (failure instanceof TuskException t) {
            throw t;
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure != null) {
            throw new TuskException("a parallel restore worker failed: " + failure, failure);
        }
        return errors;
    }

    private static int slotsUsed(Map<Future<Integer>, Running> running) {
        return running.values().stream().mapToInt(Running::slots).sum();
    }

    /**
     * Table data largest first, as pg_restore -j does, so the longest load starts earliest; the rest in archive
     * order (unique, so no two items compare equal).
     */
    private java.util.Comparator<ArchiveEntry> startOrder(Map<Integer, Integer> order) {
        return java.util.Comparator.comparingLong((ArchiveEntry e) -> -dataSizes.getOrDefault(e.dumpId(), 0L))
                .thenComparingInt(e -> order.get(e.dumpId()));
    }

    private RestoreTarget openWorker(String database, List<RestoreTarget> opened) throws IOException {
        RestoreTarget t = workers.targets().open(database);
        process.setFixedState(t);
        opened.add(t);
        return t;
    }
}
