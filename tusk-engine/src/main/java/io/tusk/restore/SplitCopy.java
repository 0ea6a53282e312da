package io.tusk.restore;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * One table's COPY rows loaded over several connections at once, so that a database dominated by one table restores
 * on more than one server core. Rows keep their order within each run; runs interleave across connections, so the
 * table's physical order is kept only run by run (BRIN indexes over a loaded order stay useful at that scale).
 */
final class SplitCopy {
    /** Rows per run, in bytes of COPY text; whole rows, so a longer row makes a longer run. */
    static final int RUN_BYTES = 2 << 20;
    private static final byte[] END = new byte[0];

    record Run(byte[] bytes, int length) {
    }

    private SplitCopy() {
    }

    /**
     * Runs {@code copyStmt} on every connection, each in a transaction, feeds them the rows, and commits all of them
     * once every one has loaded its share; on any failure every one is rolled back.
     */
    static void load(List<Connection> connections, String copyStmt, RestoreTarget.DataWriter rows) throws SQLException, IOException {
        int n = connections.size();
        BlockingQueue<Run> runs = new ArrayBlockingQueue<>(2 * n);
        AtomicBoolean failed = new AtomicBoolean();
        ExecutorService senders = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "tusk-restore-copy");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> sent = new ArrayList<>();
        boolean committed = false;
        try {
            for (Connection c : connections) {
                c.setAutoCommit(false);
            }
            for (Connection c : connections) {
                CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(copyStmt);
                sent.add(senders.submit(() -> send(copy, runs, failed)));
            }
            try (RunCutter cutter = new RunCutter(runs, failed)) {
                rows.writeTo(cutter);
            }
            for (int i = 0; i < n; i++) {
                put(runs, new Run(END, 0), failed);
            }
            for (Future<?> f : sent) {
                awaitSender(f);
            }
            for (Connection c : connections) {
                c.commit();
            }
            committed = true;
        } catch (IOException | SQLException | RuntimeException e) {
            failed.set(true);
            SQLException serverError = e instanceof SQLException sql ? sql : null;
            for (Future<?> f : sent) {
                // the server's refusal of a row is the failure to report, not the stopped stream it caused
                try {
                    awaitSender(f);
                } catch (SQLException sender) {
                    serverError = serverError == null ? sender : serverError;
                } catch (IOException | RuntimeException ignored) {
                    // the first failure is already on its way
                }
            }
            if (serverError != null) {
                throw serverError;
            }
            throw e;
        } finally {
            senders.shutdownNow();
            for (Connection c : connections) {
                try {
                    if (!committed) {
                        c.rollback();
                    }
                    c.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // a broken connection fails its next statement, which reports it
                }
            }
        }
    }

    private static Void send(CopyIn copy, BlockingQueue<Run> runs, AtomicBoolean failed) throws SQLException, InterruptedException {
        try {
            while (true) {
                Run run = runs.poll(100, TimeUnit.MILLISECONDS);
                if (failed.get()) {
                    break;
                }
                if (run == null) {
                    continue;
                }
                if (run.bytes() == END) {
                    copy.endCopy();
                    return null;
                }
                copy.writeToCopy(run.bytes(), 0, run.length());
            }
        } catch (SQLException | RuntimeException e) {
            failed.set(true);
            throw e;
        }
        if (copy.isActive()) {
            copy.cancelCopy();
        }
        return null;
    }

    private static void awaitSender(Future<?> f) throws SQLException, IOException {
        try {
            f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw io.tusk.archive.WorkerFailure.rethrow(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while loading rows");
        }
    }

    private static void put(BlockingQueue<Run> runs, Run run, AtomicBoolean failed) throws IOException {
        try {
            while (!runs.offer(run, 100, TimeUnit.MILLISECONDS)) {
                if (failed.get()) {
                    throw new IOException("a connection loading the rows failed");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while loading rows");
        }
    }

    /** Cuts the written COPY text into runs of whole rows. */
    static final class RunCutter extends OutputStream {
        private final BlockingQueue<Run> runs;
        private final AtomicBoolean failed;
        private byte[] buffer = new byte[RUN_BYTES];
        private int used;

        RunCutter(BlockingQueue<Run> runs, AtomicBoolean failed) {
            this.runs = runs;
            this.failed = failed;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (used == buffer.length) {
                    cut();
                }
                int n = Math.min(len, buffer.length - used);
                System.arraycopy(b, off, buffer, used, n);
                used += n;
                off += n;
                len -= n;
            }
        }

        /** Sends the buffer up to its last row end; the rest of a row begins the next run. */
        private void cut() throws IOException {
            int end = used;
            while (end > 0 && buffer[end - 1] != '\n') {
                end--;
            }
            if (end == 0) {
                // one row longer than a run: let the run grow until the row ends
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
                return;
            }
            byte[] next = new byte[Math.max(RUN_BYTES, used - end)];
            System.arraycopy(buffer, end, next, 0, used - end);
            put(runs, new Run(buffer, end), failed);
            buffer = next;
            used -= end;
        }

        @Override
        public void close() throws IOException {
            if (used > 0) {
                put(runs, new Run(buffer, used), failed);
                used = 0;
            }
        }
    }
}
