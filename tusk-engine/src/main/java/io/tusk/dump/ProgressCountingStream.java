package io.tusk.dump;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Counts the bytes and rows (newlines of COPY text) passing through, and reports them a few times a second. */
final class ProgressCountingStream extends FilterOutputStream {
    private static final long REPORT_EVERY_NANOS = 500_000_000L;
    private final String table;
    private final DumpListener listener;
    private long bytes;
    private long rows;
    private long lastReport = System.nanoTime();

    ProgressCountingStream(OutputStream sink, String table, DumpListener listener) {
        super(sink);
        this.table = table;
        this.listener = listener;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        bytes++;
        if (b == '\n') {
            rows++;
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        bytes += len;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                rows++;
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
