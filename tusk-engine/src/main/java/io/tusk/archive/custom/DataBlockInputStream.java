package io.tusk.archive.custom;

import io.tusk.archive.ArchiveFormatException;
import io.tusk.archive.toc.ArchiveInput;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The body of one data block, after its type and dump id: length-prefixed chunks up to a zero length, inflated
 * when the archive is gzip (one zlib stream over all chunks). Errors name the entry.
 */
final class DataBlockInputStream extends InputStream {
    private final ArchiveInput archive;
    private final String entryName;
    private final long blockOffset;
    private final Inflater inflater;
    private final byte[] compressed;
    /** Bytes left in the current chunk. */
    private int chunkLeft;
    private boolean lastChunkRead;
    private boolean closed;

    /** @param gzip whether the chunks form a zlib stream */
    DataBlockInputStream(ArchiveInput archive, String entryName, long blockOffset, boolean gzip) {
        this.archive = archive;
        this.entryName = entryName;
        this.blockOffset = blockOffset;
        this.inflater = gzip ? new Inflater() : null;
        this.compressed = gzip ? new byte[16 * 1024] : null;
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
            return inflater == null ? readPlain(b, off, len) : readInflated(b, off, len);
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

    private int readInflated(byte[] b, int off, int len) throws IOException {
        while (true) {
            if (inflater.finished()) {
                // pg_dump ends the zlib stream with the block: nothing may follow in the chunks
                if (nextChunkIfNeeded()) {
                    throw new ArchiveFormatException("corrupt compressed data: bytes after the end of the zlib stream");
                }
                return -1;
            }
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new ArchiveFormatException("corrupt compressed data: " + e.getMessage(), e);
            }
            if (n > 0) {
                return n;
            }
            if (inflater.needsDictionary()) {
                throw new ArchiveFormatException("corrupt compressed data: a zlib preset dictionary is asked for");
            }
            if (inflater.needsInput()) {
                if (!nextChunkIfNeeded()) {
                    throw new ArchiveFormatException("corrupt compressed data: the block ends before the zlib stream does");
                }
                int take = Math.min(compressed.length, chunkLeft);
                archive.readFully(compressed, 0, take);
                chunkLeft -= take;
                inflater.setInput(compressed, 0, take);
            }
        }
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

    /** Skips what is left of the block without decompressing, leaving the archive after its end. */
    void skipRest() throws IOException {
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
        if (!closed) {
            closed = true;
            if (inflater != null) {
                inflater.end();
            }
        }
    }
}
