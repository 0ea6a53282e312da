package io.tusk.archive.toc;

import io.tusk.archive.ArchiveHeader;
import java.nio.charset.StandardCharsets;

/**
 * Constants of the header and table of contents that pg_dump's custom, directory and tar archives share, as defined
 * in {@code src/bin/pg_dump/pg_backup_archiver.h} (postgres/postgres). See {@code docs/archive-custom-format.md}.
 */
public final class TocFormat {
    public static final byte[] MAGIC = "PGDMP".getBytes(StandardCharsets.US_ASCII);

    /** archiveFormat archCustom, the format byte after the sizes. */
    public static final int FORMAT_CUSTOM = 1;
    /**
     * archTar: the format byte of a tar archive's toc.dat, and of a directory archive's too: pg_backup_directory.c's
     * _CloseArchive writes archTar there, the layouts being compatible (archDirectory, 5, never reaches a file).
     */
    public static final int FORMAT_TAR = 3;

    /** pg_dump 9.0 to 10 (until the 2018 search_path fix): separate BLOB entries. The oldest version Tusk reads. */
    public static final int V1_12 = ArchiveHeader.version(1, 12, 0);
    /** pg_dump 11 and the 2018 minor releases of 9.3-10 write 1.13: search_path behavior, no layout change. */
    public static final int V1_13 = ArchiveHeader.version(1, 13, 0);
    /** pg_dump 12-15: TOC entries gained the table access method. The version Tusk writes. */
    public static final int V1_14 = ArchiveHeader.version(1, 14, 0);
    /** pg_dump 16: the header holds a one-byte compression algorithm instead of an int zlib level. */
    public static final int V1_15 = ArchiveHeader.version(1, 15, 0);
    /** pg_dump 17-18: TOC entries gained relkind (an int); BLOB METADATA entries. The newest Tusk reads. */
    public static final int V1_16 = ArchiveHeader.version(1, 16, 0);

    /** Size of the ints Tusk writes (pg_dump writes sizeof(int)). */
    public static final int INT_SIZE = 4;
    /** Size of the offsets Tusk writes (pg_dump writes sizeof(pgoff_t)). */
    public static final int OFF_SIZE = 8;

    /** The flag byte before each data offset in a custom archive's TOC (dataState). */
    public static final int K_OFFSET_POS_NOT_SET = 1;
    public static final int K_OFFSET_POS_SET = 2;
    public static final int K_OFFSET_NO_DATA = 3;

    /** pg_compress_algorithm, the 1.15+ header byte. */
    public static final int COMPRESSION_NONE = 0;
    public static final int COMPRESSION_GZIP = 1;
    public static final int COMPRESSION_LZ4 = 2;
    public static final int COMPRESSION_ZSTD = 3;

    /** zlib's Z_DEFAULT_COMPRESSION, what pg_dump 12-15 write as the level when -Z is not given. */
    public static final int ZLIB_DEFAULT_LEVEL = -1;

    /** Ends every TABLE DATA stream in an archive, as pg_dump's dumpTableData_copy writes it. */
    public static final byte[] COPY_END = "\\.\n\n\n".getBytes(StandardCharsets.US_ASCII);

    public static String versionText(int version) {
        return (version >> 16) + "." + ((version >> 8) & 0xff);
    }

    private TocFormat() {
    }
}
