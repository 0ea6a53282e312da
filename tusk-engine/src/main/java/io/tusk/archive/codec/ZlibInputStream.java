package io.tusk.archive.codec;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates one zlib stream (header, deflate data, adler32), as pg_dump's gzip data blocks are. Unlike
 * {@link java.util.zip.InflaterInputStream} it refuses a stream cut short and bytes after its end.
 */
final class ZlibInputStream extends InputStream {
    private final InputStream compressedSource;
    private final Inflater inflater = new Inflater();
    private final byte[] compressed = new byte[16 * 1024];
    private boolean closed;

    ZlibInputStream(InputStream compressedSource) {
        this.compressedSource = compressedSource;
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
        if (closed) {
            throw new IOException("zlib stream is closed");
        }
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (inflater.finished()) {
                // pg_dump ends the zlib stream with the block: nothing may follow
                if (inflater.getRemaining() > 0 || compressedSource.read() >= 0) {
                    throw new CompressedDataException("corrupt compressed data: bytes after the end of the zlib stream");
                }
                return -1;
            }
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new CompressedDataException("corrupt compressed data: " + e.getMessage(), e);
            }
            if (n > 0) {
                return n;
            }
            if (inflater.finished()) {
                // an empty stream (an empty large object) ends without output; checked at the top of the loop
                continue;
            }
            if (inflater.needsDictionary()) {
                throw new CompressedDataException("corrupt compressed data: a zlib preset dictionary is asked for");
            }
            if (inflater.needsInput()) {
                int got = compressedSource.read(compressed, 0, compressed.length);
                if (got < 0) {
                    throw new CompressedDataException("corrupt compressed data: the block ends before the zlib stream does");
                }
                inflater.setInput(compressed, 0, got);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            inflater.end();
            compressedSource.close();
        }
    }
}
