package io.tusk.archive.custom;

import io.tusk.archive.ArchiveEntry;
import io.tusk.archive.ArchiveFormatException;
import io.tusk.archive.ArchiveHeader;
import io.tusk.archive.ArchiveReader;
import io.tusk.archive.Compression;
import io.tusk.archive.Section;
import io.tusk.archive.codec.Codec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads pg_dump's custom format ({@code -Fc}), archive versions 1.12 to 1.16 (pg_dump 9.0 to 18), uncompressed,
 * gzip, lz4 or zstd (see {@link Codec}).
 *
 * <p>From a file, data is found through the offsets of the table of contents, or by scanning the data blocks
 * when pg_dump wrote to a pipe and left them unset; entries may be read in any order. From a stream (stdin) data
 * must be asked for in archive order; blocks of entries not asked for are skipped.
 *
 * <pre>{@code
 * try (CustomArchiveReader archive = CustomArchiveReader.open(Path.of("pagila.dump"))) {
 *     for (ArchiveEntry e : archive.entries()) {
 *         if (e.hasData()) {
 *             try (InputStream rows = archive.openData(e)) { rows.transferTo(copyIn); }
 *         }
 *     }
 * }
 * }</pre>
 */
public final class CustomArchiveReader implements ArchiveReader {
    private final FileChannel file;
    private final InputStream stream;
    private final CustomInput input;
    private final ArchiveHeader header;
    /** Decompresses the data blocks, as the header's compression says. */
    private final Codec codec;
    private final List<ArchiveEntry> entries;
    private final Map<Integer, CustomInput.DataOffset> offsets;
    /** Blocks found while scanning a file whose offsets are not set: dump id to block offset. */
    private final Map<Integer, Long> scannedBlocks = new HashMap<>();
    /** Where the data blocks start, right after the table of contents. */
    private final long dataStart;
    /** Where the next block header is, for scanning. */
    private long scanPosition;
    /** Stream input: the data block opened last, to skip the rest of before moving on. */
    private DataBlockInputStream openBlock;
    private final Set<Integer> passedBlocks = new HashSet<>();

    private CustomArchiveReader(FileChannel file, InputStream stream) throws IOException {
        this.file = file;
        this.stream = stream;
        this.input = file != null ? CustomInput.atPosition(file, 0) : CustomInput.forward(stream);
        this.header = readHead(input);
        this.codec = Codec.of(header.compression());
        this.offsets = new HashMap<>();
        this.entries = readToc(input, header.formatVersion(), offsets);
        this.dataStart = input.position();
        this.scanPosition = dataStart;
    }

    /** Opens a file; its header and table of contents are read now. */
    public static CustomArchiveReader open(Path archive) throws IOException {
        FileChannel channel = FileChannel.open(archive, StandardOpenOption.READ);
        try {
            return new CustomArchiveReader(channel, null);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Reads from a stream that cannot seek, such as stdin. The reader closes it. */
    public static CustomArchiveReader open(InputStream archiveSource) throws IOException {
        try {
            return new CustomArchiveReader(null, archiveSource);
        } catch (IOException | RuntimeException e) {
            archiveSource.close();
            throw e;
        }
    }

    @Override
    public ArchiveHeader header() {
        return header;
    }

    @Override
    public List<ArchiveEntry> entries() {
        return entries;
    }

    /** Whether the table of contents gives the data blocks' offsets (pg_dump wrote to a file, not a pipe). */
    public boolean hasDataOffsets() {
        return offsets.values().stream().anyMatch(o -> o.flag() == CustomFormat.K_OFFSET_POS_SET);
    }

    /** The offset of the first data block: header and table of contents end here. */
    long dataStart() {
        return dataStart;
    }

    @Override
    public InputStream openData(ArchiveEntry entry) throws IOException {
        CustomInput.DataOffset offset = offsets.get(entry.dumpId());
        if (offset == null) {
            throw new IllegalArgumentException(entry.displayName() + " (dump id " + entry.dumpId() + ") is not in this archive");
        }
        String name = entry.displayName();
        if (!entry.hasData() || offset.flag() == CustomFormat.K_OFFSET_NO_DATA) {
            throw new ArchiveFormatException(name + " has no data in this archive");
        }
        if (!"TABLE DATA".equals(entry.desc())) {
            throw new ArchiveFormatException(name + ": reading " + entry.desc() + " data is not supported yet, only TABLE DATA");
        }
        DataBlockInputStream block = file != null ? openFromFile(entry, offset) : openFromStream(entry);
        InputStream rows = new EntryDataInputStream(codec.decompressingBlock(block), name, block.blockOffset());
        return new CopyEndStrippingInputStream(rows);
    }

    private DataBlockInputStream openFromFile(ArchiveEntry entry, CustomInput.DataOffset offset) throws IOException {
        Long blockOffset = offset.flag() == CustomFormat.K_OFFSET_POS_SET ? Long.valueOf(offset.offset())
                : scannedBlocks.get(entry.dumpId());
        if (blockOffset == null) {
            blockOffset = scanFileFor(entry);
        }
        CustomInput cursor = input.cursorAt(blockOffset);
        int type = blockType(cursor, entry);
        int dumpId = blockDumpId(cursor, entry);
        if (type != CustomFormat.BLK_DATA || dumpId != entry.dumpId()) {
            throw new ArchiveFormatException(entry.displayName() + ": the table of contents points to offset " + blockOffset
                    + ", but the block there is of type " + type + " for dump id " + dumpId + " (expected type "
                    + CustomFormat.BLK_DATA + " for dump id " + entry.dumpId() + "); the archive is corrupt");
        }
        return new DataBlockInputStream(cursor, entry.displayName(), blockOffset);
    }

    /** Walks the blocks not seen yet, remembering each, until the entry's; pg_dump left the offsets unset. */
    private long scanFileFor(ArchiveEntry entry) throws IOException {
        CustomInput cursor = input.cursorAt(scanPosition);
        while (true) {
            long blockOffset = cursor.position();
            int type = cursor.readByteOrEnd();
            if (type < 0) {
                throw missingBlock(entry, blockOffset);
            }
            int dumpId = blockDumpId(cursor, entry);
            scannedBlocks.putIfAbsent(dumpId, blockOffset);
            skipBlock(cursor, type, dumpId, blockOffset, entry);
            scanPosition = cursor.position();
            if (dumpId == entry.dumpId()) {
                return blockOffset;
            }
        }
    }

    private DataBlockInputStream openFromStream(ArchiveEntry entry) throws IOException {
        if (passedBlocks.contains(entry.dumpId())) {
            throw new ArchiveFormatException(entry.displayName() + ": its data block was already passed; from a stream "
                    + "(stdin) data must be read in archive order");
        }
        if (openBlock != null) {
            openBlock.skipRest();
            openBlock = null;
        }
        while (true) {
            long blockOffset = input.position();
            int type = input.readByteOrEnd();
            if (type < 0) {
                throw missingBlock(entry, blockOffset);
            }
            int dumpId = blockDumpId(input, entry);
            passedBlocks.add(dumpId);
            if (dumpId == entry.dumpId() && type == CustomFormat.BLK_DATA) {
                openBlock = new DataBlockInputStream(input, entry.displayName(), blockOffset);
                return openBlock;
            }
            skipBlock(input, type, dumpId, blockOffset, entry);
        }
    }

    private static int blockType(CustomInput cursor, ArchiveEntry entry) throws IOException {
        try {
            return cursor.readByte();
        } catch (ArchiveFormatException e) {
            throw new ArchiveFormatException(entry.displayName() + ": " + e.getMessage(), e);
        }
    }

    private static int blockDumpId(CustomInput cursor, ArchiveEntry entry) throws IOException {
        try {
            return cursor.readInt();
        } catch (ArchiveFormatException e) {
            throw new ArchiveFormatException(entry.displayName() + ": " + e.getMessage() + " (looking for its data block)", e);
        }
    }

    /** Skips a block's body: chunks to a zero length; for large objects, per object an oid then chunks, to oid 0. */
    private static void skipBlock(CustomInput cursor, int type, int dumpId, long blockOffset, ArchiveEntry wanted)
            throws IOException {
        String context = wanted.displayName() + ": looking for its data block, in the block of dump id " + dumpId
                + " at offset " + blockOffset;
        if (type == CustomFormat.BLK_DATA) {
            new DataBlockInputStream(cursor, context, blockOffset).skipRest();
        } else if (type == CustomFormat.BLK_BLOBS) {
            try {
                while (cursor.readInt() != 0) {
                    new DataBlockInputStream(cursor, context, blockOffset).skipRest();
                }
            } catch (ArchiveFormatException e) {
                throw new ArchiveFormatException(context + ": " + e.getMessage(), e);
            }
        } else {
            throw new ArchiveFormatException(context + ": unknown block type " + type + "; the archive is corrupt");
        }
    }

    private static ArchiveFormatException missingBlock(ArchiveEntry entry, long end) {
        return new ArchiveFormatException(entry.displayName() + ": no data block for dump id " + entry.dumpId()
                + " in the archive (it ends at offset " + end + "); the archive is truncated or incomplete");
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
        } else {
            stream.close();
        }
    }

    private static ArchiveHeader readHead(CustomInput in) throws IOException {
        byte[] magic = new byte[CustomFormat.MAGIC.length];
        int got = 0;
        for (; got < magic.length; got++) {
            int b = in.readByteOrEnd();
            if (b < 0) {
                break;
            }
            magic[got] = (byte) b;
        }
        if (got < magic.length || !Arrays.equals(magic, CustomFormat.MAGIC)) {
            throw new ArchiveFormatException("not a pg_dump custom archive: it does not start with \"PGDMP\""
                    + (got == 0 ? " (it is empty)" : ""));
        }
        try {
            return readHeadAfterMagic(in);
        } catch (ArchiveFormatException e) {
            throw new ArchiveFormatException(e.getMessage() + " (in the archive header)", e);
        }
    }

    private static ArchiveHeader readHeadAfterMagic(CustomInput in) throws IOException {
        int vmaj = in.readByte();
        int vmin = in.readByte();
        int vrev = in.readByte();
        int version = ArchiveHeader.version(vmaj, vmin, vrev);
        if (version > CustomFormat.V1_16) {
            throw new ArchiveFormatException("archive version " + vmaj + "." + vmin + " is newer than this Tusk supports ("
                    + CustomFormat.versionText(CustomFormat.V1_16) + ", pg_dump 17 and 18)");
        }
        if (version < CustomFormat.V1_12) {
            throw new ArchiveFormatException("archive version " + vmaj + "." + vmin + " is older than this Tusk reads ("
                    + CustomFormat.versionText(CustomFormat.V1_12) + ", pg_dump 9.0)");
        }
        int intSize = in.readByte();
        int offSize = in.readByte();
        if (intSize < 1 || intSize > 8 || offSize < 1 || offSize > 8) {
            throw new ArchiveFormatException("corrupt custom archive: integer size " + intSize + " and offset size "
                    + offSize + " (pg_dump writes 4 and 8)");
        }
        in.sizes(intSize, offSize);
        int format = in.readByte();
        if (format != CustomFormat.FORMAT_CUSTOM) {
            throw new ArchiveFormatException("not a pg_dump custom archive: its format byte is " + format + ", expected "
                    + CustomFormat.FORMAT_CUSTOM + " (a directory archive's toc.dat has 5, a tar archive's 3)");
        }
        Compression compression;
        if (version >= CustomFormat.V1_15) {
            // 1.15 (pg_dump 16) stores the algorithm; the level is not recorded
            int algorithm = in.readByte();
            compression = switch (algorithm) {
                case CustomFormat.COMPRESSION_NONE -> Compression.NONE;
                case CustomFormat.COMPRESSION_GZIP -> new Compression(Compression.Algorithm.GZIP, -1);
                case CustomFormat.COMPRESSION_LZ4 -> new Compression(Compression.Algorithm.LZ4, -1);
                case CustomFormat.COMPRESSION_ZSTD -> new Compression(Compression.Algorithm.ZSTD, -1);
                default -> throw new ArchiveFormatException("corrupt custom archive: unknown compression algorithm " + algorithm);
            };
        } else {
            int level = in.readInt();
            if (level < CustomFormat.ZLIB_DEFAULT_LEVEL || level > 9) {
                throw new ArchiveFormatException("corrupt custom archive: zlib compression level " + level
                        + " (pg_dump writes -1 to 9)");
            }
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
            throw new ArchiveFormatException("corrupt custom archive: creation time " + (year + 1900) + "-" + (mon + 1)
                    + "-" + mday + " " + hour + ":" + min + ":" + sec + " is not a date", e);
        }
        String database = in.readStr();
        String serverVersion = in.readStr();
        String dumperVersion = in.readStr();
        return new ArchiveHeader(version, compression, database, serverVersion, dumperVersion, createdAt);
    }

    /** pg_dump's ReadToc for 1.12+, plus the custom format's data offset after each entry. */
    private static List<ArchiveEntry> readToc(CustomInput in, int version, Map<Integer, CustomInput.DataOffset> offsets)
            throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new ArchiveFormatException("corrupt custom archive: " + count + " table of contents entries");
        }
        Map<Integer, ArchiveEntry> entries = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            long at = in.position();
            try {
                ArchiveEntry entry = readEntry(in, version);
                if (entries.putIfAbsent(entry.dumpId(), entry) != null) {
                    throw new ArchiveFormatException("corrupt custom archive: dump id " + entry.dumpId() + " appears twice");
                }
                offsets.put(entry.dumpId(), in.readOffset());
            } catch (ArchiveFormatException e) {
                throw new ArchiveFormatException(e.getMessage() + " (in table of contents entry " + (i + 1) + " of "
                        + count + ", at offset " + at + ")", e);
            }
        }
        return List.copyOf(entries.values());
    }

    private static ArchiveEntry readEntry(CustomInput in, int version) throws IOException {
        int dumpId = in.readInt();
        if (dumpId <= 0) {
            throw new ArchiveFormatException("corrupt custom archive: dump id " + dumpId);
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
            throw new ArchiveFormatException("corrupt custom archive: section " + sectionCode + " of dump id " + dumpId, e);
        }
        String defn = in.readStr();
        String dropStmt = in.readStr();
        String copyStmt = in.readStr();
        String namespace = in.readStr();
        String tablespace = in.readStr();
        // 1.14 (pg_dump 12) added the table access method
        String tableAm = version >= CustomFormat.V1_14 ? in.readStr() : null;
        // 1.16 (pg_dump 17) added the relkind, an int holding the char
        char relkind = version >= CustomFormat.V1_16 ? (char) in.readInt() : 0;
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
                throw new ArchiveFormatException("corrupt custom archive: dependency \"" + dep + "\" of dump id " + dumpId, e);
            }
        }
        return new ArchiveEntry(dumpId, desc, section, namespace, tag, owner, tablespace, tableAm, defn, dropStmt, copyStmt,
                hasData, tableOid, oid, dependencies, relkind);
    }
}
