package io.tusk.archive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Hands what is written to another thread in large buffers, so that two halves of a data path run at the same time
 * (one core each): receiving COPY rows and compressing them in a dump, decompressing and sending them in a restore. Memory is bounded: {@link #BUFFERS} buffers of
 * {@link #BUFFER_SIZE} bytes per stream. {@link #close()} waits for the sink to have everything; it does not close
 * the sink.
 *
 * <p>The writer thread starts with the first full buffer: a stream that ends before (a small table's rows) is
 * written by the caller at close, since waking another thread for a few kilobytes costs more than writing them.
 */
public final class PipelinedOutputStream extends OutputStream {
    static final int BUFFER_SIZE = 1 << 20;
    static final int BUFFERS = 4;
    private static final byte[] END = new byte[0];
    private static final ExecutorService WRITERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tusk-data-writer");
        t.setDaemon(true);
        return t;
    });

    /**
     * Buffers kept for the next stream: a dump or restore of many small tables opens a stream per table, and
     * allocating (and zeroing) fresh megabytes for each cost more than copying their rows.
     */
    private static final BlockingQueue<byte[]> POOL = new ArrayBlockingQueue<>(4 * BUFFERS);

    private record Filled(byte[] bytes, int length) {
    }

    private final BlockingQueue<Filled> filled = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final OutputStream sink;
    /** Null until the first buffer is full. */
    private Future<?> writer;
    private byte[] current;
    private int used;
    private boolean closed;

    /** Buffers this stream took so far; more are taken only while all of them are in flight. */
    private int taken;

    private static byte[] takeBuffer() {
        byte[] b = POOL.poll();
        return b != null ? b : new byte[BUFFER_SIZE];
    }

    public PipelinedOutputStream(OutputStream sink) {
        this.sink = sink;
        current = takeBuffer();
        taken = 1;
    }

    private void startWriter() {
        writer = WRITERS.submit(() -> {
            while (true) {
                Filled f = filled.take();
                if (f.bytes() == END) {
                    return null;
                }
                sink.write(f.bytes(), 0, f.length());
                free.put(f.bytes());
            }
        });
    }

    @Override
    public void write(int b) throws IOException {
        if (used == BUFFER_SIZE) {
            handOver();
        }
        current[used++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (used == BUFFER_SIZE) {
                handOver();
            }
            int n = Math.min(len, BUFFER_SIZE - used);
            System.arraycopy(b, off, current, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    private void handOver() throws IOException {
        if (writer == null) {
            startWriter();
        }
        send(new Filled(current, used));
        current = null;
        try {
            byte[] next = free.poll();
            if (next == null && taken < BUFFERS) {
                next = takeBuffer();
                taken++;
            }
            while (next == null && (next = free.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS)) == null) {
                failIfWriterDied();
            }
            current = next;
            used = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writer.cancel(true);
            throw new InterruptedIOException("interrupted while handing data to the writer");
        }
    }

    private void send(Filled f) throws IOException {
        try {
            while (!filled.offer(f, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                failIfWriterDied();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writer.cancel(true);
            throw new InterruptedIOException("interrupted while handing data to the writer");
        }
    }

    private void failIfWriterDied() throws IOException {
        if (writer.isDone()) {
            awaitWriter();
            throw new IOException("the data writer stopped early");
        }
    }

    private void awaitWriter() throws IOException {
        try {
            writer.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw WorkerFailure.rethrow(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the data writer");
        }
    }

    /** Stops the writer without waiting for the data (after a failure upstream). */
    public void abandon() {
        closed = true;
        if (writer != null) {
            writer.cancel(true);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (writer == null) {
            if (used > 0) {
                sink.write(current, 0, used);
            }
            POOL.offer(current);
            current = null;
            return;
        }
        if (used > 0) {
            send(new Filled(current, used));
            current = null;
        }
        send(new Filled(END, 0));
        awaitWriter();
        // the writer is done: every buffer it had is back in the free queue
        byte[] b;
        while ((b = free.poll()) != null) {
            POOL.offer(b);
        }
        if (current != null) {
            POOL.offer(current);
            current = null;
        }
    }
}
