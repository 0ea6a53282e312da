package io.tusk.dump;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Counts the bytes passing through and the rows (newlines of COPY text, or {@link #countRow()} calls when the
 * caller knows them), and reports them a few times a second.
 */
final class ProgressCountingStream extends FilterOutputStream {
    private static final long REPORT_EVERY_NANOS = 500_000_000L;
    private final String table;
    private final DumpListener listener;
    private long bytes;
    private volatile long rows;
    private long lastReport = System.nanoTime();
    private boolean rowsCounted;

    ProgressCountingStream(OutputStream sink, String table, DumpListener listener) {
        super(sink);
        this.table = table;
        this.listener = listener;
    }

    /**
     * The caller counts rows with {@link #countRow()} (the COPY protocol sends a row per message), so the bytes need
     * not be scanned for newlines. Call before the first write.
     */
    void rowsCountedByCaller() {
        rowsCounted = true;
    }

    /** One row received; may be called from another thread than the one writing (a single caller). */
    void countRow() {
        rows++;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        bytes++;
        if (b == '\n' && !rowsCounted) {
            rows++;
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        bytes += len;
        if (!rowsCounted) {
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    rows++;
                }
            }
        }
        long now = System.nanoTime();
        if (now - lastReport > REPORT_EVERY_NANOS) {
            lastReport = now;
            listener.tableProgress(table, rows, bytes, false);
        }
    }

    void finish() {
        listener.tableProgress(table, rows, bytes, true);
    }
}
