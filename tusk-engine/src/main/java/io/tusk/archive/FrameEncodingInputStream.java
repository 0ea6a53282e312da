package io.tusk.archive;

import java.io.IOException;
import java.io.InputStream;

/** Reads {@link LargeObjectFrames} made from the objects of an archive, one bounded chunk at a time. */
final class FrameEncodingInputStream extends InputStream {
    private final LargeObjectFrames.LargeObjects objects;
    private final byte[] buffer = new byte[4 + LargeObjectFrames.CHUNK_SIZE];
    private int start;
    private int end;
    private LargeObjectFrames.LargeObject current;
    private boolean ended;

    FrameEncodingInputStream(LargeObjectFrames.LargeObjects objects) {
        this.objects = objects;
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
        while (start == end) {
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(len, end - start);
        System.arraycopy(buffer, start, b, off, n);
        start += n;
        return n;
    }

    /** The next piece: an oid, a chunk with its length, or the zero length ending an object. */
    private boolean fill() throws IOException {
        start = 0;
        end = 0;
        if (ended) {
            return false;
        }
        if (current == null) {
            current = objects.next();
            if (current == null) {
                ended = true;
                return false;
            }
            putInt((int) current.oid());
            return true;
        }
        int n = current.contents().readNBytes(buffer, 4, LargeObjectFrames.CHUNK_SIZE);
        putInt(n);
        end += n;
        if (n == 0) {
            current.contents().close();
            current = null;
        }
        return true;
    }

    private void putInt(int value) {
        buffer[end++] = (byte) (value >>> 24);
        buffer[end++] = (byte) (value >>> 16);
        buffer[end++] = (byte) (value >>> 8);
        buffer[end++] = (byte) value;
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.contents().close();
            current = null;
        }
        ended = true;
    }
}
