package io.tusk.archive.codec;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Runs a library's decompressing stream over a source and tells its failures apart: what the source throws passes
 * through unchanged (a truncated archive, a disk error), whatever else the decoder throws means the compressed
 * bytes are bad and becomes a {@link CompressedDataException}. The decoder is opened on the first read, since
 * some read their header in the constructor. Once the decoder ends, the source must end too: pg_dump writes
 * exactly one compressed stream per block or file, so trailing bytes mean tampering.
 */
final class DecodingInputStream extends InputStream {
    /** Makes the library's decoder over the guarded source. */
    @FunctionalInterface
    interface Decoder {
        InputStream open(InputStream compressedSource) throws IOException;
    }

    private final String what;
    private final GuardedSource source;
    private final Decoder decoder;
    private final boolean singleStream;
    private InputStream decoded;
    private boolean ended;

    /**
     * @param what         the compressed stream for messages: "zstd frame", "LZ4 frame"
     * @param singleStream whether bytes after the decoder's end are an error
     */
    DecodingInputStream(String what, InputStream compressedSource, Decoder decoder, boolean singleStream) {
        this.what = what;
        this.source = new GuardedSource(compressedSource);
        this.decoder = decoder;
        this.singleStream = singleStream;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (ended) {
            return -1;
        }
        int n;
        try {
            if (decoded == null) {
                decoded = decoder.open(source);
            }
            n = decoded.read(b, off, len);
        } catch (IOException | RuntimeException e) {
            throw translate(e);
        }
        if (n < 0) {
            ended = true;
            // zstd-jni reads an empty source as no frames at all, not as a truncated one
            if (singleStream && !source.anyRead) {
                throw new CompressedDataException("corrupt compressed data: the " + what + " is missing (no bytes)");
            }
            if (singleStream && source.read() >= 0) {
                throw new CompressedDataException("corrupt compressed data: bytes after the end of the " + what);
            }
        }
        return n;
    }

    private IOException translate(Exception e) {
        if (source.failure != null) {
            return source.failure;
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (source.ended) {
            return new CompressedDataException("corrupt compressed data: the " + what + " is truncated or corrupt ("
                    + detail + ")", e);
        }
        return new CompressedDataException("corrupt compressed data: the " + what + " does not decode (" + detail + ")", e);
    }

    @Override
    public void close() throws IOException {
        if (decoded != null) {
            decoded.close();
        } else {
            source.close();
        }
    }

    /** Remembers what the source threw, and whether it ended. */
    private static final class GuardedSource extends FilterInputStream {
        IOException failure;
        boolean ended;
        boolean anyRead;

        GuardedSource(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                int b = in.read();
                ended |= b < 0;
                anyRead |= b >= 0;
                return b;
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = in.read(b, off, len);
                ended |= n < 0;
                anyRead |= n > 0;
                return n;
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return in.skip(n);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
    }
}
