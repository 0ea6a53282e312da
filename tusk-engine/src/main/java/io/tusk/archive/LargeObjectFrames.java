package io.tusk.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The data of a BLOBS entry inside Tusk, whatever the archive format: a sequence of frames, one per large object.
 * A frame is the object's oid (4 bytes, big-endian, unsigned), then its contents as chunks (a 4-byte big-endian
 * length, then that many bytes), then a zero length. The stream ends after the last frame; an entry without objects
 * is empty.
 *
 * <pre>
 * oid | len | bytes | len | bytes | ... | 0 || oid | 0 || ...
 * </pre>
 *
 * <p>The dumper writes it ({@link TableDataSource#copyOut} of a BLOBS entry), each archive writer turns it into its
 * format's layout (custom: a BLK_BLOBS block; directory and tar: blob_&lt;oid&gt;.dat files and a blobs TOC), each
 * reader turns that back into frames ({@link ArchiveReader#openData}), and only the restore turns frames into
 * lo_open/lowrite/lo_close. Chunks are bounded, so no side ever holds a whole object.
 */
public final class LargeObjectFrames {
    /** pg_dump reads and writes large objects in chunks of this size (LOBBUFSIZE). */
    public static final int CHUNK_SIZE = 16 * 1024;

    private LargeObjectFrames() {
    }

    /** Whether an entry's data is large objects in frames rather than COPY rows. */
    public static boolean isLargeObjects(ArchiveEntry entry) {
        return "BLOBS".equals(entry.desc());
    }

    /** Receives large objects one at a time: start, contents in pieces, end. */
    public interface Sink {
        void startObject(long oid) throws IOException;

        void write(byte[] b, int off, int len) throws IOException;

        void endObject(long oid) throws IOException;
    }

    /** One large object of an archive: its oid and a stream of its contents, closed by whoever reads it. */
    public record LargeObject(long oid, InputStream contents) {
    }

    /** Gives the next large object of an archive, or null after the last; the previous one is read or skipped. */
    @FunctionalInterface
    public interface LargeObjects {
        LargeObject next() throws IOException;
    }

    /** Frames written to a stream; the stream is left open. */
    public static Sink encoding(OutputStream framesSink) {
        return new Sink() {
            @Override
            public void startObject(long oid) throws IOException {
                writeInt(framesSink, (int) oid);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (len > 0) {
                    writeInt(framesSink, len);
                    framesSink.write(b, off, len);
                }
            }

            @Override
            public void endObject(long oid) throws IOException {
                writeInt(framesSink, 0);
            }
        };
    }

    /**
     * An output stream that parses the frames written to it and hands the objects to the sink. {@code close()}
     * fails when the frames stop inside an object, and does not close anything of the sink.
     */
    public static OutputStream decoding(Sink objectSink) {
        return new FrameDecoder(objectSink);
    }

    /** The frames of the objects given, read on demand. {@code close()} closes the contents being read. */
    public static InputStream framesOf(LargeObjects objects) {
        return new FrameEncodingInputStream(objects);
    }

    static void writeInt(OutputStream sink, int value) throws IOException {
        sink.write(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }
}
