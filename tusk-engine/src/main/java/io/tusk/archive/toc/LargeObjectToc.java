package io.tusk.archive.toc;

import io.tusk.archive.ArchiveEntry;
import io.tusk.archive.ArchiveFormatException;
import java.nio.charset.StandardCharsets;

/**
 * The large object table of the directory and tar formats (pg_backup_directory.c and pg_backup_tar.c, _StartLOs to
 * _EndLOs): per BLOBS entry a text file with a line {@code "<oid> blob_<oid>.dat"} per object, whose contents are the
 * file or member of that name (a directory archive adds the compression suffix to the file, not to the line).
 */
public final class LargeObjectToc {
    private LargeObjectToc() {
    }

    /**
     * The table's name in a directory archive, which toc.dat records as the BLOBS entry's file: pg_dump 17 (archive
     * 1.16) may write several BLOBS entries and names each table after its dump id; before, the one table was
     * blobs.toc. A tar archive always uses the numbered name (see {@link #tarMemberName}).
     */
    public static String directoryFileName(ArchiveEntry blobs, int formatVersion) {
        return formatVersion >= TocFormat.V1_16 ? tarMemberName(blobs) : "blobs.toc";
    }

    /** The table's member name in a tar archive, in every version (pg_backup_tar.c's _StartLOs). */
    public static String tarMemberName(ArchiveEntry blobs) {
        return "blobs_" + blobs.dumpId() + ".toc";
    }

    /** The file or member holding one object's contents: {@code blob_<oid>.dat}. */
    public static String objectFileName(long oid) {
        return "blob_" + oid + ".dat";
    }

    /** The table's line for one object. */
    public static byte[] line(long oid) {
        return (oid + " " + objectFileName(oid) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** One object of a table line: pg_restore reads it with {@code sscanf("%u %s")}. */
    public record Line(long oid, String fileName) {
    }

    /** Parses a line (without its newline); names with a path are refused, they would leave the archive. */
    public static Line parse(String line, String source) throws ArchiveFormatException {
        String[] parts = line.strip().split(" +", 2);
        long oid;
        try {
            oid = parts.length == 2 ? Long.parseLong(parts[0]) : -1;
        } catch (NumberFormatException e) {
            oid = -1;
        }
        if (oid <= 0 || oid > 0xffffffffL || parts[1].contains("/") || parts[1].contains("\\") || parts[1].startsWith(".")) {
            throw new ArchiveFormatException(source + ": invalid line \"" + line + "\" (expected \"<oid> blob_<oid>.dat\");"
                    + " the archive is corrupt");
        }
        return new Line(oid, parts[1]);
    }
}
