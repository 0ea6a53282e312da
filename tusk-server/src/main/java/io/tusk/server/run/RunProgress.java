package io.tusk.server.run;

import io.tusk.dump.DumpListener;

/**
 * Turns the engine's progress into the run's row (at most once a second, so a fast dump does not turn into a
 * write-heavy metadata workload) and stops the dump once a cancel was asked for, here or on another server.
 */
final class RunProgress implements DumpListener {
    private static final long FLUSH_MILLIS = 1000;
    private final long runId;
    private final RunRepository runs;
    private final RunLog log;
    private final long rowsEstimated;
    private final long bytesEstimated;
    private volatile boolean cancelled;
    private long rowsFinished;
    private long bytesFinished;
    private String table;
    private long tableRows;
    private long tableBytes;
    private long lastFlush;

    RunProgress(long runId, RunRepository runs, RunLog log, long rowsEstimated, long bytesEstimated) {
        this.runId = runId;
        this.runs = runs;
        this.log = log;
        this.rowsEstimated = rowsEstimated;
        this.bytesEstimated = bytesEstimated;
    }

    void cancel() {
        cancelled = true;
    }

    @Override
    public synchronized void tableStarted(String qualifiedName, long estimatedRows, long estimatedBytes) {
        table = qualifiedName;
        tableRows = 0;
        tableBytes = 0;
        tick(true);
    }

    @Override
    public synchronized void tableProgress(String qualifiedName, long rows, long bytes, boolean done) {
        table = qualifiedName;
        if (done) {
            rowsFinished += rows;
            bytesFinished += bytes;
            tableRows = 0;
            tableBytes = 0;
            log.line("dumped " + qualifiedName + ": " + rows + " rows, " + bytes + " bytes");
        } else {
            tableRows = rows;
            tableBytes = bytes;
        }
        tick(false);
    }

    @Override
    public void message(String text) {
        log.line(text);
    }

    /** Between tables of a restore too: checks for a cancel. */
    synchronized void tick(boolean force) {
        long now = System.currentTimeMillis();
        if (force || now - lastFlush >= FLUSH_MILLIS) {
            lastFlush = now;
            runs.progress(runId, table, rowsFinished + tableRows, bytesFinished + tableBytes, rowsEstimated, bytesEstimated);
            if (runs.cancelRequested(runId)) {
                cancelled = true;
            }
        }
        if (cancelled) {
            throw new RunCancelledException();
        }
    }
}
