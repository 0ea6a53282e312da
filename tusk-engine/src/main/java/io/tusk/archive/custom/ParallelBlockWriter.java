package io.tusk.archive.custom;

import io.tusk.archive.ArchiveEntry;
import io.tusk.archive.toc.ArchiveOutput;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes the data blocks of a custom archive with several workers at once, in the table of contents' order (a
 * stream read by pg_restore must have its blocks in that order). The block at the head goes straight into the
 * archive; the ones behind it wait in {@link BlockSpool}s, at most {@code jobs + 2} of them, until their turn.
 */
final class ParallelBlockWriter {
    /** Writes one entry's whole block to the given output. */
    @FunctionalInterface
    interface Block {
        void write(ArchiveOutput blockOut, ArchiveEntry entry) throws IOException;
    }

    private record Pending(ArchiveEntry entry, BlockSpool spool, Future<?> done) {
    }

    private final int jobs;
    private final Path spillDirectory;

    ParallelBlockWriter(int jobs, Path spillDirectory) {
        this.jobs = jobs;
        this.spillDirectory = spillDirectory;
    }

    /** @return each entry's block offset in the archive */
    Map<Integer, Long> write(ArchiveOutput out, List<ArchiveEntry> entries, Block block) throws IOException {
        OutputStream archive = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                out.writeByte(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.writeBytes(b, off, len);
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "tusk-dump-worker");
            t.setDaemon(true);
            return t;
        });
        Deque<Pending> pending = new ArrayDeque<>();
        Map<Integer, Long> offsets = new HashMap<>();
        int next = 0;
        Pending head = null;
        boolean done = false;
        try {
            while (next < entries.size() || !pending.isEmpty()) {
                while (next < entries.size() && pending.size() < jobs + 2) {
                    ArchiveEntry e = entries.get(next++);
                    BlockSpool spool = new BlockSpool(spillDirectory);
                    Future<?> written = pool.submit(() -> {
                        block.write(new ArchiveOutput(spool, 0), e);
                        return null;
                    });
                    pending.add(new Pending(e, spool, written));
                }
                head = pending.poll();
                offsets.put(head.entry().dumpId(), out.position());
                head.spool().attach(archive);
                awaitFailingFast(head, pending);
                head = null;
            }
            done = true;
        } finally {
            if (!done) {
                if (head != null) {
                    head.spool().discard();
                }
                for (Pending p : pending) {
                    p.spool().discard();
                    p.done().cancel(true);
                }
            }
            pool.shutdownNow();
            if (!done) {
                // the workers stop at their next write; let them cancel their COPY before the connections close
                try {
                    pool.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return offsets;
    }

    /** Waits for the head block, but gives up as soon as any block behind it has failed. */
    private static void awaitFailingFast(Pending head, Deque<Pending> behind) throws IOException {
        try {
            while (true) {
                try {
                    head.done().get(200, TimeUnit.MILLISECONDS);
                    return;
                } catch (TimeoutException stillWriting) {
                    for (Pending p : behind) {
                        if (p.done().isDone() && !p.done().isCancelled()) {
                            p.done().get();
                        }
                    }
                }
            }
        } catch (ExecutionException failure) {
            throw io.tusk.archive.WorkerFailure.rethrow(failure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing table data");
        }
    }
}
