package io.tusk.archive.toc;

import io.tusk.archive.ArchiveFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * pg_dump's archive primitives (ReadInt, ReadStr, ReadOffset in pg_backup_archiver.c) over a file, read at any
 * position, or a stream, read forward only. A premature end is an {@link ArchiveFormatException} naming the offset.
 * Shared by the custom, directory and tar formats; {@code label} names the source in messages ("custom archive",
 * "toc.dat").
 */
public final class ArchiveInput {
    private static final int BUFFER_SIZE = 64 * 1024;

    private final FileChannel channel;
    private final InputStream stream;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int bufferStart;
    private int bufferEnd;
    /** Archive offset of buffer[bufferEnd]. */
    private long sourcePosition;
    private int intSize = TocFormat.INT_SIZE;
    private int offSize = TocFormat.OFF_SIZE;

    private final String label;

    private ArchiveInput(FileChannel channel, InputStream stream, long position, String label) {
        this.channel = channel;
        this.stream = stream;
        this.sourcePosition = position;
        this.label = label;
    }

    /** A cursor of its own at the position; the channel is shared and left open. */
    public static ArchiveInput atPosition(FileChannel channel, long position, String label) {
        return new ArchiveInput(channel, null, position, label);
    }

    /** Reads the stream forward only; it is not closed here. */
    public static ArchiveInput forward(InputStream stream, String label) {
        return new ArchiveInput(null, stream, 0, label);
    }

    /** What messages call the source: "custom archive", "toc.dat". */
    public String label() {
        return label;
    }

    /** The same channel at another position, with this cursor's int and offset sizes. */
    public ArchiveInput cursorAt(long position) {
        if (channel == null) {
            throw new IllegalStateException("a stream cannot seek");
        }
        ArchiveInput cursor = atPosition(channel, position, label);
        cursor.sizes(intSize, offSize);
        return cursor;
    }

    public void sizes(int intSize, int offSize) {
        this.intSize = intSize;
        this.offSize = offSize;
    }

    public long position() {
        return sourcePosition - (bufferEnd - bufferStart);
    }

    /** The next byte, or -1 at the end of the archive. */
    public int readByteOrEnd() throws IOException {
        if (bufferStart == bufferEnd && !fill()) {
            return -1;
        }
        return buffer[bufferStart++] & 0xff;
    }

    public int readByte() throws IOException {
        int b = readByteOrEnd();
        if (b < 0) {
            throw truncated();
        }
        return b;
    }

    public void readFully(byte[] target, int off, int len) throws IOException {
        while (len > 0) {
            if (bufferStart == bufferEnd && !fill()) {
                throw truncated();
            }
            int n = Math.min(len, bufferEnd - bufferStart);
            System.arraycopy(buffer, bufferStart, target, off, n);
            bufferStart += n;
            off += n;
            len -= n;
        }
    }

    public void skip(long len) throws IOException {
        while (len > 0) {
            if (bufferStart == bufferEnd && !fill()) {
                throw truncated();
            }
            int n = (int) Math.min(len, bufferEnd - bufferStart);
            bufferStart += n;
            len -= n;
        }
    }

    /** A sign byte (non-zero = negative), then the magnitude in intSize bytes, least significant first. */
    public int readInt() throws IOException {
        long at = position();
        boolean negative = readByte() != 0;
        long magnitude = 0;
        for (int i = 0; i < intSize; i++) {
            magnitude |= (long) readByte() << (8 * i);
        }
        if (magnitude < 0 || magnitude > Integer.MAX_VALUE) {
            throw new ArchiveFormatException("corrupt " + label + ": integer at offset " + at + " is out of range");
        }
        return negative ? (int) -magnitude : (int) magnitude;
    }

    /** A length and that many bytes (UTF-8, as Tusk dumps); length -1 is null. */
    public String readStr() throws IOException {
        long at = position();
        int len = readInt();
        if (len < 0) {
            if (len == -1) {
                return null;
            }
            throw new ArchiveFormatException("corrupt " + label + ": string length " + len + " at offset " + at);
        }
        if (channel != null && len > channel.size() - position()) {
            throw new ArchiveFormatException(label + " is truncated or corrupt: a string of " + len
                    + " bytes at offset " + at + " goes past the end of the file (" + channel.size() + " bytes)");
        }
        if (len <= BUFFER_SIZE) {
            byte[] bytes = new byte[len];
            readFully(bytes, 0, len);
            return new String(bytes, StandardCharsets.UTF_8);
        }
        // a stream cannot tell a corrupt length from a long definition: grow as the bytes arrive, not up front
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(BUFFER_SIZE);
        byte[] piece = new byte[BUFFER_SIZE];
        for (int left = len; left > 0; ) {
            int n = Math.min(left, piece.length);
            readFully(piece, 0, n);
            bytes.write(piece, 0, n);
            left -= n;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The data offset of a TOC entry: its flag byte, then offSize bytes, least significant first. */
    public DataOffset readOffset() throws IOException {
        long at = position();
        int flag = readByte();
        if (flag != TocFormat.K_OFFSET_POS_NOT_SET && flag != TocFormat.K_OFFSET_POS_SET
                && flag != TocFormat.K_OFFSET_NO_DATA) {
            throw new ArchiveFormatException("corrupt " + label + ": unexpected data offset flag " + flag
                    + " at offset " + at + " (expected 1, 2 or 3)");
        }
        long offset = 0;
        for (int i = 0; i < offSize; i++) {
            offset |= (long) readByte() << (8 * i);
        }
        return new DataOffset(flag, offset);
    }

    public record DataOffset(int flag, long offset) {
    }

    public ArchiveFormatException truncated() {
        return new ArchiveFormatException(label + " is truncated: it ends at offset " + position());
    }

    private boolean fill() throws IOException {
        bufferStart = 0;
        bufferEnd = 0;
        int n;
        if (channel != null) {
            n = channel.read(ByteBuffer.wrap(buffer), sourcePosition);
        } else {
            n = stream.read(buffer);
        }
        if (n <= 0) {
            return false;
        }
        bufferEnd = n;
        sourcePosition += n;
        return true;
    }
}
