package io.tusk.archive.codec;

import io.tusk.archive.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * gzip as pg_dump uses it (compress_gzip.c): data blocks are zlib streams made by deflateInit(level), files are
 * gzip files made by gzopen("wb" level). Level -1 is zlib's Z_DEFAULT_COMPRESSION (6).
 */
final class GzipCodec implements Codec {
    private static final int BUFFER_SIZE = 64 * 1024;

    private final Compression compression;
    private final int level;

    GzipCodec(Compression compression) {
        if (compression.level() > 9 || compression.level() < -1) {
            throw new IllegalArgumentException("gzip compression level must be in range 1..9, not " + compression.level());
        }
        this.compression = compression;
        this.level = compression.level() < 0 ? Deflater.DEFAULT_COMPRESSION : compression.level();
    }

    @Override
    public Compression compression() {
        return compression;
    }

    @Override
    public OutputStream compressingBlock(OutputStream compressedSink) {
        // nowrap=false: a zlib stream with header and adler32, as deflateInit() makes
        Deflater deflater = new Deflater(level);
        return new DeflaterOutputStream(compressedSink, deflater, BUFFER_SIZE) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    // a Deflater handed in is not ended by DeflaterOutputStream
                    deflater.end();
                }
            }
        };
    }

    @Override
    public InputStream decompressingBlock(InputStream compressedSource) {
        return new ZlibInputStream(compressedSource);
    }

    @Override
    public OutputStream compressingFile(OutputStream compressedSink) throws IOException {
        return new GZIPOutputStream(compressedSink, BUFFER_SIZE) {
            {
                def.setLevel(level);
            }
        };
    }

    @Override
    public InputStream decompressingFile(InputStream compressedSource) {
        // GZIPInputStream reads concatenated members, as gzread does; it checks each member's CRC and length
        return new DecodingInputStream("gzip file", compressedSource, s -> new GZIPInputStream(s, BUFFER_SIZE), false);
    }

    @Override
    public String fileSuffix() {
        return ".gz";
    }
}
