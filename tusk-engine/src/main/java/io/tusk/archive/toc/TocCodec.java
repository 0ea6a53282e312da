package io.tusk.archive.toc;

import io.tusk.archive.ArchiveEntry;
import io.tusk.archive.ArchiveFormatException;
import io.tusk.archive.ArchiveHeader;
import io.tusk.archive.Compression;
import io.tusk.archive.Section;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header and table of contents of pg_dump's archives (WriteHead/ReadHead, WriteToc/ReadToc in
 * pg_backup_archiver.c): a custom archive starts with them, a directory or tar archive keeps them in toc.dat. The
 * formats differ only in the field after each entry (WriteExtraToc): a custom archive's data offset, a directory or
 * tar archive's data file name; the caller reads and writes it.
 */
public final class TocCodec {
    /** Reads the format's field after an entry. */
    @FunctionalInterface
    public interface ExtraReader<T> {
        T read(ArchiveInput in, ArchiveEntry entry) throws IOException;
    }

    /** Writes the format's field after an entry. */
    @FunctionalInterface
    public interface ExtraWriter {
        void write(ArchiveOutput out, ArchiveEntry entry) throws IOException;
    }

    private TocCodec() {
    }

    /**
     * Refuses what a header of this version cannot say: versions other than 1.14 (pg_dump 12-15), 1.15 (16) and 1.16
     * (17-18), and lz4 or zstd in 1.14, whose header only holds a zlib level.
     */
    public static void checkWritable(ArchiveHeader header, String formatName) {
        int version = header.formatVersion();
        if (version != TocFormat.V1_14 && version != TocFormat.V1_15 && version != TocFormat.V1_16) {
            throw new IllegalArgumentException(formatName + " archive version " + header.versionMajor() + "." + header.versionMinor()
                    + " cannot be written: Tusk writes 1.14 (pg_dump 12-15), 1.15 (pg_dump 16) and 1.16 (pg_dump 17-18)");
        }
        Compression.Algorithm algorithm = header.compression().algorithm();
        if (version == TocFormat.V1_14 && algorithm != Compression.Algorithm.NONE && algorithm != Compression.Algorithm.GZIP) {
            throw new IllegalArgumentException("compression " + algorithm.name().toLowerCase(java.util.Locale.ROOT)
                    + " cannot be written in " + formatName + " archive version 1.14 (pg_dump 12-15), whose header only holds a"
                    + " zlib level; use gzip or none, or archive version 1.15+ (read by pg_restore 16+)");
        }
    }

    /** The header of the header's archive version with the given format byte. */
    public static void writeHead(ArchiveOutput out, ArchiveHeader header, int format) throws IOException {
        out.writeBytes(TocFormat.MAGIC, 0, TocFormat.MAGIC.length);
        out.writeByte(header.versionMajor());
        out.writeByte(header.versionMinor());
        out.writeByte(header.versionRev());
        out.writeByte(TocFormat.INT_SIZE);
        out.writeByte(TocFormat.OFF_SIZE);
        out.writeByte(format);
        Compression compression = header.compression();
        if (header.formatVersion() >= TocFormat.V1_15) {
            // 1.15+: the algorithm (pg_compress_algorithm); pg_dump does not record the level
            out.writeByte(switch (compression.algorithm()) {
                case NONE -> 0;
                case GZIP -> 1;
                case LZ4 -> 2;
                case ZSTD -> 3;
            });
        } else if (compression.isNone()) {
            out.writeInt(0);
        } else {
            // 1.14: the zlib level, -1 for Z_DEFAULT_COMPRESSION
            out.writeInt(compression.level() < 0 ? TocFormat.ZLIB_DEFAULT_LEVEL : compression.level());
        }
        // a struct tm: the local time pg_restore -l prints, year since 1900, month from 0
        LocalDateTime t = header.createdAt();
        ZoneId zone = ZoneId.systemDefault();
        out.writeInt(t.getSecond());
        out.writeInt(t.getMinute());
        out.writeInt(t.getHour());
        out.writeInt(t.getDayOfMonth());
        out.writeInt(t.getMonthValue() - 1);
        out.writeInt(t.getYear() - 1900);
        out.writeInt(zone.getRules().isDaylightSavings(t.atZone(zone).toInstant()) ? 1 : 0);
        out.writeStr(header.database());
        out.writeStr(header.serverVersion());
        out.writeStr(header.dumperVersion());
    }

    /** The TOC in pg_dump's WriteToc field order for the version, each entry followed by the format's extra field. */
    public static void writeToc(ArchiveOutput out, int version, List<ArchiveEntry> entries, ExtraWriter extra) throws IOException {
        out.writeInt(entries.size());
        for (ArchiveEntry e : entries) {
            out.writeInt(e.dumpId());
            out.writeInt(e.hasData() ? 1 : 0);
            out.writeStr(e.tableOid());
            out.writeStr(e.oid());
            out.writeStr(e.tag());
            out.writeStr(e.desc());
            out.writeInt(e.section().code());
            out.writeStr(e.defn());
            out.writeStr(e.dropStmt());
            out.writeStr(e.copyStmt());
            out.writeStr(e.namespace());
            out.writeStr(e.tablespace());
            out.writeStr(e.tableAm());
            if (version >= TocFormat.V1_16) {
                // 1.16 (pg_dump 17) added the relkind, an int holding the char
                out.writeInt(e.relkind());
            }
            out.writeStr(e.owner());
            // "WITH OIDS": pg_dump 12+ always writes "false"; pg_restore refuses "true"
            out.writeStr("false");
            for (int dep : e.dependencies()) {
                out.writeStr(Integer.toString(dep));
            }
            out.writeStr(null);
            extra.write(out, e);
        }
    }

    /**
     * Reads the header, versions 1.12 to 1.16, and sets the input's int and offset sizes.
     *
     * @param expectedFormat the format byte: {@link TocFormat#FORMAT_CUSTOM} or {@link TocFormat#FORMAT_TAR}
     * @param kind           the archive as messages name it: "custom archive", "directory archive"
     */
    public static ArchiveHeader readHead(ArchiveInput in, int expectedFormat, String kind) throws IOException {
        byte[] magic = new byte[TocFormat.MAGIC.length];
        int got = 0;
        for (; got < magic.length; got++) {
            int b = in.readByteOrEnd();
            if (b < 0) {
                break;
            }
            magic[got] = (byte) b;
        }
        if (got < magic.length || !Arrays.equals(magic, TocFormat.MAGIC)) {
            throw new ArchiveFormatException("not a pg_dump " + kind + ": " + (expectedFormat == TocFormat.FORMAT_CUSTOM
                    ? "it" : in.label()) + " does not start with \"PGDMP\"" + (got == 0 ? " (it is empty)" : ""));
        }
        try {
            return readHeadAfterMagic(in, expectedFormat, kind);
        } catch (ArchiveFormatException e) {
            throw new ArchiveFormatException(e.getMessage() + " (in the archive header)", e);
        }
    }

    private static ArchiveHeader readHeadAfterMagic(ArchiveInput in, int expectedFormat, String kind) throws IOException {
        int vmaj = in.readByte();
        int vmin = in.readByte();
        int vrev = in.readByte();
        int version = ArchiveHeader.version(vmaj, vmin, vrev);
        if (version > TocFormat.V1_16) {
            throw new ArchiveFormatException("archive version " + vmaj + "." + vmin + " is newer than this Tusk supports ("
                    + TocFormat.versionText(TocFormat.V1_16) + ", pg_dump 17 and 18)");
        }
        if (version < TocFormat.V1_12) {
            throw new ArchiveFormatException("archive version " + vmaj + "." + vmin + " is older than this Tusk reads ("
                    + TocFormat.versionText(TocFormat.V1_12) + ", pg_dump 9.0)");
        }
        int intSize = in.readByte();
        int offSize = in.readByte();
        if (intSize < 1 || intSize > 8 || offSize < 1 || offSize > 8) {
            throw new ArchiveFormatException("corrupt " + in.label() + ": integer size " + intSize + " and offset size "
                    + offSize + " (pg_dump writes 4 and 8)");
        }
        in.sizes(intSize, offSize);
        int format = in.readByte();
        if (format != expectedFormat) {
            throw new ArchiveFormatException("not a pg_dump " + kind + ": its format byte is " + format + ", expected "
                    + expectedFormat + " (1 is a custom archive, 3 the toc.dat of a directory or tar archive)");
        }
        Compression compression;
        if (version >= TocFormat.V1_15) {
            // 1.15 (pg_dump 16) stores the algorithm; the level is not recorded
            int algorithm = in.readByte();
            compression = switch (algorithm) {
                case TocFormat.COMPRESSION_NONE -> Compression.NONE;
                case TocFormat.COMPRESSION_GZIP -> new Compression(Compression.Algorithm.GZIP, -1);
                case TocFormat.COMPRESSION_LZ4 -> new Compression(Compression.Algorithm.LZ4, -1);
                case TocFormat.COMPRESSION_ZSTD -> new Compression(Compression.Algorithm.ZSTD, -1);
                default -> throw new ArchiveFormatException("corrupt " + in.label() + ": unknown compression algorithm " + algorithm);
            };
        } else {
            int level = in.readInt();
            compression = level == 0 ? Compression.NONE : new Compression(Compression.Algorithm.GZIP, level);
        }
        int sec = in.readInt();
        int min = in.readInt();
        int hour = in.readInt();
        int mday = in.readInt();
        int mon = in.readInt();
        int year = in.readInt();
        in.readInt(); // tm_isdst
        LocalDateTime createdAt;
        try {
            createdAt = LocalDateTime.of(year + 1900, mon + 1, mday, hour, min, Math.min(sec, 59));
        } catch (DateTimeException e) {
            throw new ArchiveFormatException("corrupt " + in.label() + ": creation time " + (year + 1900) + "-" + (mon + 1)
                    + "-" + mday + " " + hour + ":" + min + ":" + sec + " is not a date", e);
        }
        String database = in.readStr();
        String serverVersion = in.readStr();
        String dumperVersion = in.readStr();
        return new ArchiveHeader(version, compression, database, serverVersion, dumperVersion, createdAt);
    }

    /** pg_dump's ReadToc for 1.12+; each entry's extra field goes into {@code extras} under its dump id. */
    public static <T> List<ArchiveEntry> readToc(ArchiveInput in, int version, ExtraReader<T> extra, Map<Integer, T> extras)
            throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new ArchiveFormatException("corrupt " + in.label() + ": " + count + " table of contents entries");
        }
        Map<Integer, ArchiveEntry> entries = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            long at = in.position();
            try {
                ArchiveEntry entry = readEntry(in, version);
                if (entries.putIfAbsent(entry.dumpId(), entry) != null) {
                    throw new ArchiveFormatException("corrupt " + in.label() + ": dump id " + entry.dumpId() + " appears twice");
                }
                extras.put(entry.dumpId(), extra.read(in, entry));
            } catch (ArchiveFormatException e) {
                throw new ArchiveFormatException(e.getMessage() + " (in table of contents entry " + (i + 1) + " of "
                        + count + ", at offset " + at + ")", e);
            }
        }
        return List.copyOf(entries.values());
    }

    private static ArchiveEntry readEntry(ArchiveInput in, int version) throws IOException {
        String corrupt = "corrupt " + in.label() + ": ";
        int dumpId = in.readInt();
        if (dumpId <= 0) {
            throw new ArchiveFormatException(corrupt + "dump id " + dumpId);
        }
        boolean hasData = in.readInt() != 0;
        String tableOid = in.readStr();
        String oid = in.readStr();
        String tag = in.readStr();
        String desc = in.readStr();
        int sectionCode = in.readInt();
        Section section;
        try {
            section = Section.ofCode(sectionCode);
        } catch (IllegalArgumentException e) {
            throw new ArchiveFormatException(corrupt + "section " + sectionCode + " of dump id " + dumpId, e);
        }
        String defn = in.readStr();
        String dropStmt = in.readStr();
        String copyStmt = in.readStr();
        String namespace = in.readStr();
        String tablespace = in.readStr();
        // 1.14 (pg_dump 12) added the table access method
        String tableAm = version >= TocFormat.V1_14 ? in.readStr() : null;
        // 1.16 (pg_dump 17) added the relkind, an int holding the char
        char relkind = version >= TocFormat.V1_16 ? (char) in.readInt() : 0;
        String owner = in.readStr();
        String withOids = in.readStr();
        if ("true".equals(withOids)) {
            throw new ArchiveFormatException(desc + " " + tag + " was dumped WITH OIDS, which PostgreSQL 12+ cannot restore");
        }
        List<Integer> dependencies = new ArrayList<>();
        for (String dep = in.readStr(); dep != null; dep = in.readStr()) {
            try {
                dependencies.add(Integer.parseInt(dep.trim()));
            } catch (NumberFormatException e) {
                throw new ArchiveFormatException(corrupt + "dependency \"" + dep + "\" of dump id " + dumpId, e);
            }
        }
        return new ArchiveEntry(dumpId, desc, section, namespace, tag, owner, tablespace, tableAm, defn, dropStmt, copyStmt,
                hasData, tableOid, oid, dependencies, relkind);
    }
}
