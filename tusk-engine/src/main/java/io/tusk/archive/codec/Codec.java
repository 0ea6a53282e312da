package io.tusk.archive.codec;

import io.tusk.archive.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One compression algorithm at one level, in the two shapes pg_dump uses it (src/bin/pg_dump/compress_gzip.c,
 * compress_lz4.c, compress_zstd.c, PostgreSQL 16+):
 *
 * <ul>
 * <li><b>blocks</b>: the data of one entry inside a custom archive. gzip is a zlib stream (deflateInit, not a gzip
 * member), lz4 an LZ4 frame, zstd a zstd frame.</li>
 * <li><b>files</b>: a whole file of a directory archive or a compressed plain script. gzip is a gzip file (gzopen),
 * lz4 an LZ4 frame, zstd a zstd frame; {@link #fileSuffix()} is what pg_dump appends in directory archives.</li>
 * </ul>
 *
 * <p>Compressing streams: {@code close()} ends the compressed stream (trailer, checksum) and closes the sink.
 * Decompressing streams: {@code read} returns -1 where the compressed stream ends; corrupt or truncated compressed
 * data, or bytes after its end, throw a {@link CompressedDataException}; exceptions of the source pass through
 * unchanged. {@code close()} closes the source.
 *
 * <pre>{@code
 * try (OutputStream rows = Codec.of(Compression.parse("zstd:19")).compressingFile(Files.newOutputStream(path))) {
 *     rows.write(bytes);
 * }
 * }</pre>
 */
public interface Codec {
    /** The codec of a {@code -Z} setting; {@link Compression#NONE} copies bytes unchanged. */
    static Codec of(Compression compression) {
        return switch (compression.algorithm()) {
            case NONE -> new IdentityCodec();
            case GZIP -> new GzipCodec(compression);
            case LZ4 -> new Lz4Codec(compression);
            case ZSTD -> new ZstdCodec(compression);
        };
    }

    Compression compression();

    /** Compresses the data of one archive entry; closing ends the zlib stream or frame and closes the sink. */
    OutputStream compressingBlock(OutputStream compressedSink) throws IOException;

    /** Decompresses what {@link #compressingBlock} wrote, or pg_dump wrote for one entry. */
    InputStream decompressingBlock(InputStream compressedSource);

    /** Compresses a whole file as pg_dump does for directory archives and plain scripts. */
    OutputStream compressingFile(OutputStream compressedSink) throws IOException;

    /** Decompresses a file written by {@link #compressingFile} or pg_dump; gzip files may hold several members. */
    InputStream decompressingFile(InputStream compressedSource);

    /** What pg_dump appends to a directory archive's file names: ".gz", ".lz4", ".zst", or "" for none. */
    String fileSuffix();
}
