package io.tusk.archive.toc;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * pg_dump's archive primitives (WriteInt, WriteStr, WriteOffset in pg_backup_archiver.c) over a stream, counting
 * the bytes written so data block offsets are known. Shared by the custom, directory and tar formats.
 */
public final class ArchiveOutput {
    private final OutputStream archiveSink;
    private long position;
    private final byte[] scratch = new byte[1 + Math.max(TocFormat.INT_SIZE, TocFormat.OFF_SIZE)];

    public ArchiveOutput(OutputStream archiveSink, long startPosition) {
        this.archiveSink = archiveSink;
        this.position = startPosition;
    }

    public long position() {
        return position;
    }

    public void writeByte(int b) throws IOException {
        archiveSink.write(b);
        position++;
    }

    public void writeBytes(byte[] bytes, int off, int len) throws IOException {
        archiveSink.write(bytes, off, len);
        position += len;
    }

    /** A sign byte (1 = negative), then the magnitude in INT_SIZE bytes, least significant first. */
    public void writeInt(int value) throws IOException {
        // one write per number: a table of contents is mostly numbers, and each write of the sink is synchronized
        byte[] bytes = scratch;
        bytes[0] = (byte) (value < 0 ? 1 : 0);
        long magnitude = Math.abs((long) value);
        for (int i = 0; i < TocFormat.INT_SIZE; i++) {
            bytes[1 + i] = (byte) (magnitude >> (8 * i));
        }
        writeBytes(bytes, 0, 1 + TocFormat.INT_SIZE);
    }

    /** Length then bytes; null is the length -1 with no bytes. */
    public void writeStr(String s) throws IOException {
        if (s == null) {
            writeInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        writeInt(bytes.length);
        writeBytes(bytes, 0, bytes.length);
    }

    /** The dataState flag byte, then the offset in OFF_SIZE bytes, least significant first. */
    public void writeOffset(int flag, long offset) throws IOException {
        byte[] bytes = scratch;
        bytes[0] = (byte) flag;
        for (int i = 0; i < TocFormat.OFF_SIZE; i++) {
            bytes[1 + i] = (byte) (offset >> (8 * i));
        }
        writeBytes(bytes, 0, 1 + TocFormat.OFF_SIZE);
    }

    public void flush() throws IOException {
        archiveSink.flush();
    }
}
