package io.tusk.archive;

import java.io.IOException;
import java.io.OutputStream;

/** Push parser of {@link LargeObjectFrames}: oid, chunk lengths and chunk bytes may arrive split anywhere. */
final class FrameDecoder extends OutputStream {
    private final LargeObjectFrames.Sink objectSink;
    private final byte[] header = new byte[4];
    private int headerUsed;
    /** Inside an object (the oid was read). */
    private boolean inObject;
    private long oid;
    /** Bytes left of the current chunk. */
    private int chunkLeft;
    private long position;

    FrameDecoder(LargeObjectFrames.Sink objectSink) {
        this.objectSink = objectSink;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (chunkLeft > 0) {
                int n = Math.min(len, chunkLeft);
                objectSink.write(b, off, n);
                chunkLeft -= n;
                off += n;
                len -= n;
                position += n;
                continue;
            }
            header[headerUsed++] = b[off++];
            len--;
            position++;
            if (headerUsed < header.length) {
                continue;
            }
            headerUsed = 0;
            int value = ((header[0] & 0xff) << 24) | ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8) | (header[3] & 0xff);
            if (!inObject) {
                oid = Integer.toUnsignedLong(value);
                if (oid == 0) {
                    throw new IOException("large object frames: oid 0 at offset " + (position - 4) + "; the data is corrupt");
                }
                inObject = true;
                objectSink.startObject(oid);
            } else if (value == 0) {
                inObject = false;
                objectSink.endObject(oid);
            } else if (value < 0) {
                throw new IOException("large object frames: chunk length " + value + " at offset " + (position - 4)
                        + " in large object " + oid + "; the data is corrupt");
            } else {
                chunkLeft = value;
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (inObject || headerUsed > 0 || chunkLeft > 0) {
            throw new IOException("large object frames end inside " + (inObject ? "large object " + oid : "a frame header")
                    + " at offset " + position + "; the data is truncated");
        }
    }
}
