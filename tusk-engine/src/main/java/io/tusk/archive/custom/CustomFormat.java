package io.tusk.archive.custom;

import io.tusk.archive.ArchiveHeader;
import java.nio.charset.StandardCharsets;

/**
 * Constants of pg_dump's custom archive format, as defined in {@code src/bin/pg_dump/pg_backup_archiver.h} and
 * {@code pg_backup_custom.c} (postgres/postgres). See {@code docs/archive-custom-format.md}.
 */
final class CustomFormat {
    static final byte[] MAGIC = "PGDMP".getBytes(StandardCharsets.US_ASCII);

    /** archiveFormat archCustom, the format byte after the sizes. */
    static final int FORMAT_CUSTOM = 1;

    /** pg_dump 9.0 to 10 (until the 2018 search_path fix): separate BLOB entries. The oldest version Tusk reads. */
    static final int V1_12 = ArchiveHeader.version(1, 12, 0);
    /** pg_dump 11 and the 2018 minor releases of 9.3-10 write 1.13: search_path behavior, no layout change. */
    static final int V1_13 = ArchiveHeader.version(1, 13, 0);
    /** pg_dump 12-15: TOC entries gained the table access method. The version Tusk writes. */
    static final int V1_14 = ArchiveHeader.version(1, 14, 0);
    /** pg_dump 16: the header holds a one-byte compression algorithm instead of an int zlib level. */
    static final int V1_15 = ArchiveHeader.version(1, 15, 0);
    /** pg_dump 17-18: TOC entries gained relkind (an int); BLOB METADATA entries. The newest Tusk reads. */
    static final int V1_16 = ArchiveHeader.version(1, 16, 0);

    /** Size of the ints Tusk writes (pg_dump writes sizeof(int)). */
    static final int INT_SIZE = 4;
    /** Size of the offsets Tusk writes (pg_dump writes sizeof(pgoff_t)). */
    static final int OFF_SIZE = 8;

    /** Block types that start each data block. */
    static final int BLK_DATA = 1;
    static final int BLK_BLOBS = 3;

    /** The flag byte before each data offset in the TOC (dataState). */
    static final int K_OFFSET_POS_NOT_SET = 1;
    static final int K_OFFSET_POS_SET = 2;
    static final int K_OFFSET_NO_DATA = 3;

    /** pg_compress_algorithm, the 1.15+ header byte. */
    static final int COMPRESSION_NONE = 0;
    static final int COMPRESSION_GZIP = 1;
    static final int COMPRESSION_LZ4 = 2;
    static final int COMPRESSION_ZSTD = 3;

    /** zlib's Z_DEFAULT_COMPRESSION, what pg_dump 12-15 write as the level when -Z is not given. */
    static final int ZLIB_DEFAULT_LEVEL = -1;

    /** Ends every TABLE DATA stream in the archive, as pg_dump's dumpTableData_copy writes it. */
    static final byte[] COPY_END = "\\.\n\n\n".getBytes(StandardCharsets.US_ASCII);

    static String versionText(int version) {
        return (version >> 16) + "." + ((version >> 8) & 0xff);
    }

    private CustomFormat() {
    }
}
