package io.tusk.archive.custom;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * pg_dump's archive primitives (WriteInt, WriteStr, WriteOffset in pg_backup_archiver.c) over a stream, counting
 * the bytes written so data block offsets are known.
 */
final class CustomOutput {
    private final OutputStream archiveSink;
    private long position;

    CustomOutput(OutputStream archiveSink, long startPosition) {
        this.archiveSink = archiveSink;
        this.position = startPosition;
    }

    long position() {
        return position;
    }

    void writeByte(int b) throws IOException {
        archiveSink.write(b);
        position++;
    }

    void writeBytes(byte[] bytes, int off, int len) throws IOException {
        archiveSink.write(bytes, off, len);
        position += len;
    }

    /** A sign byte (1 = negative), then the magnitude in INT_SIZE bytes, least significant first. */
    void writeInt(int value) throws IOException {
        writeByte(value < 0 ? 1 : 0);
        long magnitude = Math.abs((long) value);
        for (int i = 0; i < CustomFormat.INT_SIZE; i++) {
            writeByte((int) (magnitude >> (8 * i)) & 0xff);
        }
    }

    /** Length then bytes; null is the length -1 with no bytes. */
    void writeStr(String s) throws IOException {
        if (s == null) {
            writeInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        writeInt(bytes.length);
        writeBytes(bytes, 0, bytes.length);
    }

    /** The dataState flag byte, then the offset in OFF_SIZE bytes, least significant first. */
    void writeOffset(int flag, long offset) throws IOException {
        writeByte(flag);
        for (int i = 0; i < CustomFormat.OFF_SIZE; i++) {
            writeByte((int) (offset >> (8 * i)) & 0xff);
        }
    }

    void flush() throws IOException {
        archiveSink.flush();
    }
}
