package io.tusk.archive.toc;

import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a TABLE DATA stream through without the {@code \.} line that pg_dump writes after the rows
 * ({@code "\\.\n\n\n"}): the last bytes are held back until the end shows whether they are that line.
 * A row cannot be {@code \.} alone, COPY escapes a backslash as {@code \\}. The data of every format ends so.
 */
public final class CopyEndStrippingInputStream extends InputStream {
    /** The terminator and the byte before it, which must end a line. */
    private static final int HOLD = TocFormat.COPY_END.length + 1;

    private final InputStream rowsSource;
    private final byte[] buffer = new byte[16 * 1024];
    private int start;
    private int end;
    private boolean sourceEnded;
    private int lastPassed = '\n';

    public CopyEndStrippingInputStream(InputStream rowsSource) {
        this.rowsSource = rowsSource;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            int passable = end - start - (sourceEnded ? 0 : HOLD);
            if (passable > 0) {
                int n = Math.min(len, passable);
                System.arraycopy(buffer, start, b, off, n);
                start += n;
                lastPassed = b[off + n - 1];
                return n;
            }
            if (sourceEnded) {
                return -1;
            }
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
            int n = rowsSource.read(buffer, end, buffer.length - end);
            if (n < 0) {
                sourceEnded = true;
                end -= terminatorLength();
            } else {
                end += n;
            }
        }
    }

    /** How many of the held bytes are the {@code \.} line: "\\.\n" plus any newlines, at the start of a line. */
    private int terminatorLength() {
        int i = end;
        while (i > start && buffer[i - 1] == '\n') {
            i--;
        }
        if (i == end || i - start < 2 || buffer[i - 1] != '.' || buffer[i - 2] != '\\') {
            return 0;
        }
        int lineStart = i - 2;
        int before = lineStart > start ? buffer[lineStart - 1] : lastPassed;
        return before == '\n' ? end - lineStart : 0;
    }

    @Override
    public void close() throws IOException {
        rowsSource.close();
    }
}
