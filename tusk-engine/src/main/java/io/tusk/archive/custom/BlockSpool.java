package io.tusk.archive.custom;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Holds one data block that a worker writes while an earlier block still goes into the archive: in memory up to
 * {@link #MEMORY_LIMIT}, then in a temporary file. Once {@link #attach attached} to the archive, what it held is
 * copied there and every later write goes straight through, so the block at the head of the archive is never
 * copied twice. Safe for one writing thread and one attaching thread.
 */
final class BlockSpool extends OutputStream {
    static final int MEMORY_LIMIT = 1 << 20;

    private final Path spillDirectory;
    private byte[] memory = new byte[64 * 1024];
    private int used;
    private Path file;
    private OutputStream fileSink;
    private OutputStream archive;
    private boolean discarded;

    BlockSpool(Path spillDirectory) {
        this.spillDirectory = spillDirectory;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (discarded) {
            // another worker failed: stopping this one here cancels its COPY
            throw new IOException("the dump was stopped");
        }
        if (archive != null) {
            archive.write(b, off, len);
        } else if (fileSink != null) {
            fileSink.write(b, off, len);
        } else if (used + len <= MEMORY_LIMIT) {
            if (used + len > memory.length) {
                memory = Arrays.copyOf(memory, Math.min(MEMORY_LIMIT, Math.max(memory.length * 2, used + len)));
            }
            System.arraycopy(b, off, memory, used, len);
            used += len;
        } else {
            file = Files.createTempFile(spillDirectory, ".tusk-block-", ".spool");
            fileSink = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            fileSink.write(memory, 0, used);
            memory = null;
            used = 0;
            fileSink.write(b, off, len);
        }
    }

    /** Copies what is held into the archive; from now on writes go to the archive directly. */
    synchronized void attach(OutputStream archive) throws IOException {
        if (fileSink != null) {
            fileSink.close();
            fileSink = null;
            try (InputStream in = Files.newInputStream(file)) {
                in.transferTo(archive);
            }
            Files.delete(file);
            file = null;
        } else if (used > 0) {
            archive.write(memory, 0, used);
        }
        memory = null;
        this.archive = archive;
    }

    /** Frees what is held; later writes fail, which stops the worker writing them. */
    synchronized void discard() {
        discarded = true;
        memory = null;
        try {
            if (fileSink != null) {
                fileSink.close();
            }
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a spool file left in the temporary directory is harmless; the dump has failed anyway
        }
    }
}
