package io.tusk.archive.codec;

import io.tusk.archive.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.xxhash.XXHashFactory;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;

/**
 * lz4 as pg_dump uses it (compress_lz4.c): blocks and files are both one LZ4 frame. pg_dump sets only the level
 * in LZ4F_preferences_t: below 3 the fast compressor, 3 to 12 LZ4HC at that level.
 *
 * <p>Written with lz4-java, with 64 KiB independent blocks and a content checksum: liblz4 (pg_restore) reads
 * them and verifies the checksum, and a changed byte fails instead of restoring wrong rows. pg_dump's own frames
 * have <em>linked</em> blocks (liblz4's default), which lz4-java's frame reader refuses ("Dependent block stream
 * is unsupported"), so frames are read with Apache Commons Compress, which decodes both kinds and checks
 * whichever checksums the frame has.
 */
final class Lz4Codec implements Codec {
    /** liblz4's LZ4HC_CLEVEL_MAX; pg_dump refuses higher levels. */
    private static final int MAX_LEVEL = 12;
    /** liblz4's LZ4HC_CLEVEL_MIN: levels below use the fast compressor. */
    private static final int MIN_HC_LEVEL = 3;

    private final Compression compression;

    Lz4Codec(Compression compression) {
        if (compression.level() > MAX_LEVEL || compression.level() < -1) {
            throw new IllegalArgumentException("lz4 compression level must be in range 1.." + MAX_LEVEL + ", not "
                    + compression.level());
        }
        this.compression = compression;
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
        return new DecodingInputStream("LZ4 frame", compressedSource,
                s -> new FramedLZ4CompressorInputStream(s, /* decompressConcatenated= */ false), true);
    }

    @Override
    public OutputStream compressingFile(OutputStream compressedSink) throws IOException {
        return frame(compressedSink);
    }

    @Override
    public InputStream decompressingFile(InputStream compressedSource) {
        return new DecodingInputStream("LZ4 file", compressedSource,
                s -> new FramedLZ4CompressorInputStream(s, /* decompressConcatenated= */ true), false);
    }

    @Override
    public String fileSuffix() {
        return ".lz4";
    }

    private OutputStream frame(OutputStream compressedSink) throws IOException {
        LZ4Factory factory = LZ4Factory.fastestInstance();
        int level = compression.level();
        LZ4Compressor compressor = level >= MIN_HC_LEVEL ? factory.highCompressor(level) : factory.fastCompressor();
        return new LZ4FrameOutputStream(compressedSink, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB, /* knownSize= */ -1L,
                compressor, XXHashFactory.fastestInstance().hash32(),
                LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE, LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM);
    }
}
