package io.tusk.archive.codec;

import io.tusk.archive.Compression;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** No compression: {@code -Z0} or {@code -Z none}. */
final class IdentityCodec implements Codec {
    @Override
    public Compression compression() {
        return Compression.NONE;
    }

    @Override
    public OutputStream compressingBlock(OutputStream compressedSink) {
        return passThrough(compressedSink);
    }

    @Override
    public InputStream decompressingBlock(InputStream compressedSource) {
        return compressedSource;
    }

    @Override
    public OutputStream compressingFile(OutputStream compressedSink) {
        return passThrough(compressedSink);
    }

    @Override
    public InputStream decompressingFile(InputStream compressedSource) {
        return compressedSource;
    }

    @Override
    public String fileSuffix() {
        return "";
    }

    /** FilterOutputStream writes byte by byte; this one passes arrays through. */
    private static OutputStream passThrough(OutputStream sink) {
        return new FilterOutputStream(sink) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }
        };
    }
}
