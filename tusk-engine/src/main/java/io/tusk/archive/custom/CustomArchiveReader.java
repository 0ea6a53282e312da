package io.tusk.archive.custom;

import io.tusk.archive.ArchiveEntry;
import io.tusk.archive.ArchiveFormatException;
import io.tusk.archive.ArchiveHeader;
import io.tusk.archive.ArchiveReader;
import io.tusk.archive.Compression;
import io.tusk.archive.LargeObjectFrames;
import io.tusk.archive.toc.ArchiveInput;
import io.tusk.archive.codec.Codec;
import io.tusk.archive.toc.CopyEndStrippingInputStream;
import io.tusk.archive.toc.TocCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads pg_dump's custom format ({@code -Fc}), archive versions 1.12 to 1.16 (pg_dump 9.0 to 18). A BLOBS entry's
 * BLK_BLOBS block is read as {@link LargeObjectFrames}.
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
    private static final String LABEL = "custom archive";

    private final FileChannel file;
    private final InputStream stream;
    private final ArchiveInput input;
    private final ArchiveHeader header;
    /** Decompresses the data blocks, as the header's compression says. */
    private final Codec codec;
    private final List<ArchiveEntry> entries;
    private final Map<Integer, ArchiveInput.DataOffset> offsets;
    /** Blocks found while scanning a file whose offsets are not set: dump id to block offset. */
    private final Map<Integer, Long> scannedBlocks = new HashMap<>();
    /** Where the data blocks start, right after the table of contents. */
    private final long dataStart;
    /** Where the next block header is, for scanning. */
    private long scanPosition;
    /** Stream input: the data block opened last, to skip the rest of before moving on. */
    private BlockBody openBlock;
    private final Set<Integer> passedBlocks = new HashSet<>();

    private CustomArchiveReader(FileChannel file, InputStream stream) throws IOException {
        this.file = file;
        this.stream = stream;
        this.input = file != null ? ArchiveInput.atPosition(file, 0, LABEL) : ArchiveInput.forward(stream, LABEL);
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

    @Override
    public boolean supportsRandomAccess() {
        return file != null;
    }

    /** Whether the table of contents gives the data blocks' offsets (pg_dump wrote to a file, not a pipe). */
    public boolean hasDataOffsets() {
        return offsets.values().stream().anyMatch(o -> o.flag() == CustomFormat.K_OFFSET_POS_SET);
    }

    /** Each block's size from the offsets (computed once: a parallel restore asks for every entry's, often). */
    private Map<Integer, Long> blockSizes;

    /** From the offsets: up to the next block's start, or the end of the file for the last one. */
    @Override
    public synchronized long dataSize(ArchiveEntry entry) {
        if (file == null) {
            return -1;
        }
        if (blockSizes == null) {
            blockSizes = new HashMap<>();
            long end;
            try {
                end = file.size();
            } catch (IOException e) {
                return -1;
            }
            List<Map.Entry<Integer, ArchiveInput.DataOffset>> set = offsets.entrySet().stream()
                    .filter(o -> o.getValue().flag() == CustomFormat.K_OFFSET_POS_SET)
                    .sorted(java.util.Comparator.comparingLong(o -> o.getValue().offset())).toList();
            for (int i = 0; i < set.size(); i++) {
                long next = i + 1 < set.size() ? set.get(i + 1).getValue().offset() : end;
                blockSizes.put(set.get(i).getKey(), next - set.get(i).getValue().offset());
            }
        }
        return blockSizes.getOrDefault(entry.dumpId(), -1L);
    }

    /** The offset of the first data block: header and table of contents end here. */
    long dataStart() {
        return dataStart;
    }

    @Override
    public InputStream openData(ArchiveEntry entry) throws IOException {
        ArchiveInput.DataOffset offset = offsets.get(entry.dumpId());
        if (offset == null) {
            throw new IllegalArgumentException(entry.displayName() + " (dump id " + entry.dumpId() + ") is not in this archive");
        }
        String name = entry.displayName();
        if (!entry.hasData() || offset.flag() == CustomFormat.K_OFFSET_NO_DATA) {
            throw new ArchiveFormatException(name + " has no data in this archive");
        }
        boolean largeObjects = LargeObjectFrames.isLargeObjects(entry);
        if (!"TABLE DATA".equals(entry.desc()) && !largeObjects) {
            throw new ArchiveFormatException(name + ": reading " + entry.desc() + " data is not supported yet, only TABLE DATA and BLOBS");
        }
        int type = largeObjects ? CustomFormat.BLK_BLOBS : CustomFormat.BLK_DATA;
        BlockStart start = file != null ? openFromFile(entry, offset, type) : openFromStream(entry, type);
        if (largeObjects) {
            LargeObjectBlockReader objects = new LargeObjectBlockReader(start.body(), codec, name, start.offset());
            if (file == null) {
                openBlock = objects;
            }
            return LargeObjectFrames.framesOf(objects);
        }
        DataBlockInputStream block = new DataBlockInputStream(start.body(), name, start.offset());
        if (file == null) {
            openBlock = block;
        }
        InputStream rows = new EntryDataInputStream(codec.decompressingBlock(block), name, block.blockOffset());
        return new CopyEndStrippingInputStream(rows);
    }

    /** Where a block's body starts: after its type and dump id. */
    private record BlockStart(ArchiveInput body, long offset) {
    }

    private BlockStart openFromFile(ArchiveEntry entry, ArchiveInput.DataOffset offset, int expectedType) throws IOException {
        Long blockOffset = offset.flag() == CustomFormat.K_OFFSET_POS_SET ? Long.valueOf(offset.offset())
                : scannedBlocks.get(entry.dumpId());
        if (blockOffset == null) {
            blockOffset = scanFileFor(entry);
        }
        ArchiveInput cursor = input.cursorAt(blockOffset);
        int type = blockType(cursor, entry);
        int dumpId = blockDumpId(cursor, entry);
        if (type != expectedType || dumpId != entry.dumpId()) {
            throw new ArchiveFormatException(entry.displayName() + ": the table of contents points to offset " + blockOffset
                    + ", but the block there is of type " + type + " for dump id " + dumpId + " (expected type "
                    + expectedType + " for dump id " + entry.dumpId() + "); the archive is corrupt");
        }
        return new BlockStart(cursor, blockOffset);
    }

    /** Walks the blocks not seen yet, remembering each, until the entry's; pg_dump left the offsets unset. */
    private long scanFileFor(ArchiveEntry entry) throws IOException {
        ArchiveInput cursor = input.cursorAt(scanPosition);
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

    private BlockStart openFromStream(ArchiveEntry entry, int expectedType) throws IOException {
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
            if (dumpId == entry.dumpId() && type == expectedType) {
                return new BlockStart(input, blockOffset);
            }
            skipBlock(input, type, dumpId, blockOffset, entry);
        }
    }

    private static int blockType(ArchiveInput cursor, ArchiveEntry entry) throws IOException {
        try {
            return cursor.readByte();
        } catch (ArchiveFormatException e) {
            throw new ArchiveFormatException(entry.displayName() + ": " + e.getMessage(), e);
        }
    }

    private static int blockDumpId(ArchiveInput cursor, ArchiveEntry entry) throws IOException {
        try {
            return cursor.readInt();
        } catch (ArchiveFormatException e) {
            throw new ArchiveFormatException(entry.displayName() + ": " + e.getMessage() + " (looking for its data block)", e);
        }
    }

    /** Skips a block's body: chunks to a zero length; for large objects, per object an oid then chunks, to oid 0. */
    private static void skipBlock(ArchiveInput cursor, int type, int dumpId, long blockOffset, ArchiveEntry wanted)
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

    private static ArchiveHeader readHead(ArchiveInput in) throws IOException {
        return TocCodec.readHead(in, CustomFormat.FORMAT_CUSTOM, "custom archive");
    }

    /** pg_dump's ReadToc, plus the custom format's data offset after each entry. */
    private static List<ArchiveEntry> readToc(ArchiveInput in, int version, Map<Integer, ArchiveInput.DataOffset> offsets)
            throws IOException {
        return TocCodec.readToc(in, version, (i, e) -> i.readOffset(), offsets);
    }
}
