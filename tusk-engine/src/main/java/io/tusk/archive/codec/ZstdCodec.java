package io.tusk.archive.codec;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import io.tusk.archive.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * zstd as pg_dump uses it (compress_zstd.c): blocks and files are both one zstd frame, at the level given
 * (zstd's default, 3, without one) and with long-distance matching for {@code -Z zstd:long}
 * (ZSTD_c_enableLongDistanceMatching, whose window of 2^27 bytes every decoder accepts by default).
 *
 * <p>Tusk also sets the frame's content checksum (pg_dump does not): zstd verifies it when decoding, pg_restore
 * too, so a changed byte fails instead of restoring wrong rows.
 */
final class ZstdCodec implements Codec {
    /** The window zstd uses with long-distance matching and no explicit window (ZSTD_WINDOWLOG_LIMIT_DEFAULT). */
    private static final int LONG_DISTANCE_WINDOW_LOG = 27;

    private final Compression compression;
    private final int level;

    ZstdCodec(Compression compression) {
        if (compression.level() > Zstd.maxCompressionLevel()) {
            throw new IllegalArgumentException("zstd compression level must be at most " + Zstd.maxCompressionLevel()
                    + ", not " + compression.level());
        }
        this.compression = compression;
        this.level = compression.level() == -1 ? Zstd.defaultCompressionLevel() : compression.level();
    }

    @Override
    public Compression compression() {
        return compression;
    }

    @Override
    public OutputStream compressingBlock(OutputStream compressedSink) throws IOException {
        return frame(compressedSink);
    }

    @Override
    public InputStream decompressingBlock(InputStream compressedSource) {
        return new DecodingInputStream("zstd frame", compressedSource, ZstdInputStream::new, true);
    }

    @Override
    public OutputStream compressingFile(OutputStream compressedSink) throws IOException {
        return frame(compressedSink);
    }

    @Override
    public InputStream decompressingFile(InputStream compressedSource) {
        return new DecodingInputStream("zstd file", compressedSource, ZstdInputStream::new, false);
    }

    @Override
    public String fileSuffix() {
        return ".zst";
    }

    private OutputStream frame(OutputStream compressedSink) {
        return new ZstdFrameOutputStream(compressedSink, level, compression.longDistance() ? LONG_DISTANCE_WINDOW_LOG : 0);
    }
}
