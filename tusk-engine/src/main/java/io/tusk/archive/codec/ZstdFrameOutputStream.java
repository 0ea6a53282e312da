package io.tusk.archive.codec;

import com.github.luben.zstd.EndDirective;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One zstd frame, compressed with a context taken from a pool and given back at the end. A dump writes one frame per
 * table: a fresh context (as {@code ZstdOutputStream} makes) allocates and clears megabytes of tables each time,
 * which cost more than compressing a small table's rows; a reset context reuses them.
 */
final class ZstdFrameOutputStream extends OutputStream {
    /** zstd's preferred input and output sizes for streaming (ZSTD_CStreamInSize, ZSTD_CStreamOutSize). */
    private static final int IN_SIZE = 128 * 1024;
    private static final int OUT_SIZE = IN_SIZE + 1024;
    /** Contexts kept per setting; more than a dump's workers and writers never wait here. */
    private static final int KEPT_PER_SETTING = 8;

    private record Setting(int level, int longDistanceWindowLog) {
    }

    /** A context with its buffers, set up for one setting. */
    private static final class Compressor {
        final ZstdCompressCtx context = new ZstdCompressCtx();
        final ByteBuffer in = ByteBuffer.allocateDirect(IN_SIZE);
        final ByteBuffer out = ByteBuffer.allocateDirect(OUT_SIZE);
        final byte[] copy = new byte[OUT_SIZE];
    }

    private static final ConcurrentHashMap<Setting, ConcurrentLinkedQueue<Compressor>> POOL = new ConcurrentHashMap<>();

    private final OutputStream compressedSink;
    private final Setting setting;
    private Compressor compressor;

    /**
     * @param longDistanceWindowLog 0 for none, else long-distance matching with this window
     */
    ZstdFrameOutputStream(OutputStream compressedSink, int level, int longDistanceWindowLog) {
        this.compressedSink = compressedSink;
        this.setting = new Setting(level, longDistanceWindowLog);
        Compressor c = POOL.computeIfAbsent(setting, s -> new ConcurrentLinkedQueue<>()).poll();
        if (c == null) {
            c = new Compressor();
        }
        // a reset keeps the context's memory but forgets the parameters, so they are set for every frame
        c.context.reset();
        c.context.setLevel(level);
        c.context.setChecksum(true);
        if (longDistanceWindowLog > 0) {
            c.context.setLong(longDistanceWindowLog);
        }
        c.in.clear();
        this.compressor = c;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Compressor c = open();
        while (len > 0) {
            if (!c.in.hasRemaining()) {
                compress(c, EndDirective.CONTINUE);
            }
            int n = Math.min(len, c.in.remaining());
            c.in.put(b, off, n);
            off += n;
            len -= n;
        }
    }

    /** Compresses what the input buffer holds; with END, also ends the frame. */
    private void compress(Compressor c, EndDirective directive) throws IOException {
        c.in.flip();
        boolean done;
        do {
            c.out.clear();
            done = c.context.compressDirectByteBufferStream(c.out, c.in, directive);
            c.out.flip();
            int n = c.out.remaining();
            if (n > 0) {
                c.out.get(c.copy, 0, n);
                compressedSink.write(c.copy, 0, n);
            }
        } while (directive == EndDirective.END ? !done : c.in.hasRemaining());
        c.in.clear();
    }

    private Compressor open() throws IOException {
        if (compressor == null) {
            throw new IOException("the zstd frame is already closed");
        }
        return compressor;
    }

    /** Does nothing: the frame is whole only at {@link #close()}, and flushing early would only cut smaller blocks. */
    @Override
    public void flush() {
    }

    /** Ends the frame and closes the sink; the context goes back to the pool. */
    @Override
    public void close() throws IOException {
        if (compressor == null) {
            return;
        }
        Compressor c = compressor;
        compressor = null;
        try {
            compress(c, EndDirective.END);
        } catch (IOException | RuntimeException e) {
            // a context left mid-frame is not reused
            c.context.close();
            compressedSink.close();
            throw e;
        }
        ConcurrentLinkedQueue<Compressor> kept = POOL.get(setting);
        if (kept.size() < KEPT_PER_SETTING) {
            kept.offer(c);
        } else {
            c.context.close();
        }
        compressedSink.close();
    }
}
