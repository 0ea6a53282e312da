package io.tusk.archive.custom;

import io.tusk.archive.toc.ArchiveOutput;
import io.tusk.archive.codec.Codec;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The body of one data block: what is written here (the COPY rows) goes out, through the archive's codec, as
 * length-prefixed chunks; {@link #finish()} appends pg_dump's {@code \.} line, ends the compressed stream (zlib
 * stream, LZ4 or zstd frame) and writes the zero length that ends the block. {@link #close()} does not close the
 * archive.
 */
final class DataBlockOutputStream extends OutputStream {
    /** Bytes per chunk; pg_dump writes 4 KiB (compressed) or one row per chunk, any size reads back alike. */
    static final int CHUNK_SIZE = 64 * 1024;

    private final ChunkSink chunkSink;
    private final OutputStream rowsSink;
    /** Whether {@link #finish()} appends the {@code \.} line: COPY rows do, a large object's bytes do not. */
    private final boolean copyEnd;
    private boolean finished;

    DataBlockOutputStream(ArchiveOutput archive, Codec codec) throws IOException {
        this(archive, codec, true);
    }

    private DataBlockOutputStream(ArchiveOutput archive, Codec codec, boolean copyEnd) throws IOException {
        this.chunkSink = new ChunkSink(archive);
        this.rowsSink = codec.compressingBlock(chunkSink);
        this.copyEnd = copyEnd;
    }

    /**
     * The contents of one large object inside a BLK_BLOBS block (pg_dump's _StartLO to _EndLO): a compressed stream
     * of its own, chunks, a zero length; no {@code \.} line.
     */
    static DataBlockOutputStream forLargeObject(ArchiveOutput archive, Codec codec) throws IOException {
        return new DataBlockOutputStream(archive, codec, false);
    }

    @Override
    public void write(int b) throws IOException {
        rowsSink.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        rowsSink.write(b, off, len);
    }

    /** Ends the block. Call once, after the last row. */
    void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        if (copyEnd) {
            rowsSink.write(CustomFormat.COPY_END);
        }
        // ends the compressed stream; closing the chunk sink leaves the archive open
        rowsSink.close();
        chunkSink.writeChunk();
        chunkSink.archive.writeInt(0);
    }

    /**
     * Leaves the archive open: the table data source must not end the archive. Without {@link #finish()} (the data
     * source failed) it only frees the codec; the archive is abandoned anyway.
     */
    @Override
    public void close() throws IOException {
        if (!finished) {
            finished = true;
            rowsSink.close();
        }
    }

    /** Buffers bytes into chunks: length int, then the bytes. Never writes an empty chunk (that ends the block). */
    private static final class ChunkSink extends OutputStream {
        final ArchiveOutput archive;
        private final byte[] chunk = new byte[CHUNK_SIZE];
        private int used;

        ChunkSink(ArchiveOutput archive) {
            this.archive = archive;
        }

        @Override
        public void write(int b) throws IOException {
            if (used == chunk.length) {
                writeChunk();
            }
            chunk[used++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (used == chunk.length) {
                    writeChunk();
                }
                int n = Math.min(len, chunk.length - used);
                System.arraycopy(b, off, chunk, used, n);
                used += n;
                off += n;
                len -= n;
            }
        }

        void writeChunk() throws IOException {
            if (used > 0) {
                archive.writeInt(used);
                archive.writeBytes(chunk, 0, used);
                used = 0;
            }
        }

        @Override
        public void flush() {
            // chunks go out when full or at finish(); flushing would only make smaller chunks
        }

        @Override
        public void close() {
            // the archive stays open
        }
    }
}
