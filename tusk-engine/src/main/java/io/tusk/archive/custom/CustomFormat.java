package io.tusk.archive.custom;

import io.tusk.archive.toc.TocFormat;

/**
 * Constants of pg_dump's custom archive format, as defined in {@code src/bin/pg_dump/pg_backup_archiver.h} and
 * {@code pg_backup_custom.c} (postgres/postgres); those shared with the directory and tar formats come from
 * {@link TocFormat}. See {@code docs/archive-custom-format.md}.
 */
final class CustomFormat {
    static final byte[] MAGIC = TocFormat.MAGIC;

    /** archiveFormat archCustom, the format byte after the sizes. */
    static final int FORMAT_CUSTOM = TocFormat.FORMAT_CUSTOM;

    static final int V1_12 = TocFormat.V1_12;
    static final int V1_13 = TocFormat.V1_13;
    /** The version Tusk writes. */
    static final int V1_14 = TocFormat.V1_14;
    static final int V1_15 = TocFormat.V1_15;
    static final int V1_16 = TocFormat.V1_16;

    static final int INT_SIZE = TocFormat.INT_SIZE;
    static final int OFF_SIZE = TocFormat.OFF_SIZE;

    /** Block types that start each data block. */
    static final int BLK_DATA = 1;
    static final int BLK_BLOBS = 3;

    /** The flag byte before each data offset in the TOC (dataState). */
    static final int K_OFFSET_POS_NOT_SET = TocFormat.K_OFFSET_POS_NOT_SET;
    static final int K_OFFSET_POS_SET = TocFormat.K_OFFSET_POS_SET;
    static final int K_OFFSET_NO_DATA = TocFormat.K_OFFSET_NO_DATA;

    static final int COMPRESSION_NONE = TocFormat.COMPRESSION_NONE;
    static final int COMPRESSION_GZIP = TocFormat.COMPRESSION_GZIP;
    static final int COMPRESSION_LZ4 = TocFormat.COMPRESSION_LZ4;
    static final int COMPRESSION_ZSTD = TocFormat.COMPRESSION_ZSTD;

    static final int ZLIB_DEFAULT_LEVEL = TocFormat.ZLIB_DEFAULT_LEVEL;

    static final byte[] COPY_END = TocFormat.COPY_END;

    static String versionText(int version) {
        return TocFormat.versionText(version);
    }

    private CustomFormat() {
    }
}
