package io.tusk.archive.custom;

import io.tusk.archive.ArchiveFormatException;
import io.tusk.archive.toc.ArchiveInput;
import java.io.IOException;
import java.io.InputStream;

/**
 * The body of one data block, after its type and dump id: length-prefixed chunks up to a zero length, as the
 * compressed bytes they hold (decompressed by the archive's codec above this stream). Errors name the entry.
 */
final class DataBlockInputStream extends InputStream implements BlockBody {
    private final ArchiveInput archive;
    private final String entryName;
    private final long blockOffset;
    /** Bytes left in the current chunk. */
    private int chunkLeft;
    private boolean lastChunkRead;
    private boolean closed;

    DataBlockInputStream(ArchiveInput archive, String entryName, long blockOffset) {
        this.archive = archive;
        this.entryName = entryName;
        this.blockOffset = blockOffset;
    }

    long blockOffset() {
        return blockOffset;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("data stream of " + entryName + " is closed");
        }
        if (len == 0) {
            return 0;
        }
        try {
            return readPlain(b, off, len);
        } catch (ArchiveFormatException e) {
            throw new ArchiveFormatException(entryName + ": " + e.getMessage() + " (in its data block at offset "
                    + blockOffset + ")", e);
        }
    }

    private int readPlain(byte[] b, int off, int len) throws IOException {
        if (!nextChunkIfNeeded()) {
            return -1;
        }
        int n = Math.min(len, chunkLeft);
        archive.readFully(b, off, n);
        chunkLeft -= n;
        return n;
    }

    /** Moves to the next chunk when the current one is used up; false once the zero length was read. */
    private boolean nextChunkIfNeeded() throws IOException {
        while (chunkLeft == 0) {
            if (lastChunkRead) {
                return false;
            }
            long at = archive.position();
            int len = archive.readInt();
            if (len < 0) {
                throw new ArchiveFormatException("corrupt data block: chunk length " + len + " at offset " + at);
            }
            if (len == 0) {
                lastChunkRead = true;
                return false;
            }
            chunkLeft = len;
        }
        return true;
    }

    /** Whether the block holds no chunk at all (pg_dump may write an empty large object so, even compressed). */
    boolean isEmpty() throws IOException {
        try {
            return !nextChunkIfNeeded();
        } catch (ArchiveFormatException e) {
            throw new ArchiveFormatException(entryName + ": " + e.getMessage() + " (in its data block at offset "
                    + blockOffset + ")", e);
        }
    }

    /** Skips what is left of the block without decompressing, leaving the archive after its end. */
    @Override
    public void skipRest() throws IOException {
        try {
            while (nextChunkIfNeeded()) {
                archive.skip(chunkLeft);
                chunkLeft = 0;
            }
        } catch (ArchiveFormatException e) {
            throw new ArchiveFormatException(entryName + ": " + e.getMessage() + " (in its data block at offset "
                    + blockOffset + ")", e);
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
