package io.tusk.archive.custom;

import io.tusk.archive.ArchiveEntry;
import io.tusk.archive.ArchiveHeader;
import io.tusk.archive.ArchiveWriter;
import io.tusk.archive.Compression;
import io.tusk.archive.TableDataSource;
import io.tusk.archive.codec.Codec;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Writes pg_dump's custom format ({@code -Fc}) in the archive version of {@link ArchiveHeader#formatVersion()}:
 * 1.14 as pg_dump 12-15 write it (read by pg_restore 12+), 1.15 as pg_dump 16 (pg_restore 16+), 1.16 as pg_dump
 * 17-18 (pg_restore 17+). Data blocks are uncompressed,
 * gzip, lz4 or zstd (see {@link Codec}); lz4 and zstd need 1.15 or newer, whose header names the algorithm.
 *
 * <p>To a file (a {@link Path} or a {@link FileChannel}) it writes the table of contents with the data offsets
 * "not set", the data, then seeks back and rewrites the table of contents with each data block's offset, as
 * pg_dump does, so pg_restore can seek (parallel restore needs it). To a plain {@link OutputStream} the offsets
 * stay "not set", as pg_dump's are when it writes to a pipe.
 *
 * <pre>{@code
 * new CustomArchiveWriter(Path.of("pagila.dump")).write(header, entries, (entry, sink) -> copyOut(entry, sink));
 * }</pre>
 */
public final class CustomArchiveWriter implements ArchiveWriter {
    private final Path target;
    private final FileChannel fileDestination;
    private final OutputStream streamDestination;

    /** Writes to a temporary file beside the target, renamed to the target once complete, deleted on failure. */
    public CustomArchiveWriter(Path target) {
        this(Objects.requireNonNull(target, "target"), null, null);
    }

    /** Writes from the channel's current position, with offsets set; closes the channel. */
    public CustomArchiveWriter(FileChannel fileDestination) {
        this(null, Objects.requireNonNull(fileDestination, "fileDestination"), null);
    }

    /** Writes without offsets, for pipes and stdout; closes the stream. */
    public CustomArchiveWriter(OutputStream streamDestination) {
        this(null, null, Objects.requireNonNull(streamDestination, "streamDestination"));
    }

    private CustomArchiveWriter(Path target, FileChannel fileDestination, OutputStream streamDestination) {
        this.target = target;
        this.fileDestination = fileDestination;
        this.streamDestination = streamDestination;
    }

    @Override
    public void write(ArchiveHeader header, List<ArchiveEntry> entries, TableDataSource data) throws IOException {
        checkVersion(header);
        Codec codec = Codec.of(header.compression());
        if (target != null) {
            writeToFile(header, entries, data, codec);
        } else if (fileDestination != null) {
            try (FileChannel channel = fileDestination) {
                writeSeekable(channel, header, entries, data, codec);
            }
        } else {
            try (OutputStream archiveSink = new BufferedOutputStream(streamDestination, DataBlockOutputStream.CHUNK_SIZE)) {
                CustomOutput out = new CustomOutput(archiveSink, 0);
                writeHead(out, header);
                writeToc(out, header, entries, Map.of());
                writeData(out, entries, data, codec);
                out.flush();
            }
        }
    }

    private static void checkVersion(ArchiveHeader header) {
        int version = header.formatVersion();
        if (version != CustomFormat.V1_14 && version != CustomFormat.V1_15 && version != CustomFormat.V1_16) {
            throw new IllegalArgumentException("custom archive version " + header.versionMajor() + "." + header.versionMinor()
                    + " cannot be written: Tusk writes 1.14 (pg_dump 12-15), 1.15 (pg_dump 16) and 1.16 (pg_dump 17-18)");
        }
        Compression.Algorithm algorithm = header.compression().algorithm();
        if (version == CustomFormat.V1_14 && algorithm != Compression.Algorithm.NONE && algorithm != Compression.Algorithm.GZIP) {
            throw new IllegalArgumentException("compression " + algorithm.name().toLowerCase(Locale.ROOT)
                    + " cannot be written in custom archive version 1.14 (pg_dump 12-15), whose header only holds a zlib"
                    + " level; use gzip or none, or archive version 1.15+ (read by pg_restore 16+)");
        }
    }

    private void writeToFile(ArchiveHeader header, List<ArchiveEntry> entries, TableDataSource data, Codec codec)
            throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        // a dot name beside the target: same file system for the rename, and never mistaken for a finished dump
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".partial");
        boolean done = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                writeSeekable(channel, header, entries, data, codec);
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static void writeSeekable(FileChannel channel, ArchiveHeader header, List<ArchiveEntry> entries,
            TableDataSource data, Codec codec) throws IOException {
        OutputStream archiveSink = new BufferedOutputStream(Channels.newOutputStream(channel), DataBlockOutputStream.CHUNK_SIZE);
        CustomOutput out = new CustomOutput(archiveSink, channel.position());
        writeHead(out, header);
        long tocPosition = out.position();
        writeToc(out, header, entries, Map.of());
        Map<Integer, Long> offsets = writeData(out, entries, data, codec);
        out.flush();
        long end = channel.position();
        // the offsets are fixed-size, so the second TOC has exactly the length of the first (pg_dump's _CloseArchive)
        channel.position(tocPosition);
        CustomOutput rewrite = new CustomOutput(archiveSink, tocPosition);
        writeToc(rewrite, header, entries, offsets);
        rewrite.flush();
        channel.position(end);
    }

    private static void writeHead(CustomOutput out, ArchiveHeader header) throws IOException {
        out.writeBytes(CustomFormat.MAGIC, 0, CustomFormat.MAGIC.length);
        out.writeByte(header.versionMajor());
        out.writeByte(header.versionMinor());
        out.writeByte(header.versionRev());
        out.writeByte(CustomFormat.INT_SIZE);
        out.writeByte(CustomFormat.OFF_SIZE);
        out.writeByte(CustomFormat.FORMAT_CUSTOM);
        Compression compression = header.compression();
        if (header.formatVersion() >= CustomFormat.V1_15) {
            // 1.15+: the algorithm (pg_compress_algorithm); pg_dump does not record the level
            out.writeByte(switch (compression.algorithm()) {
                case NONE -> CustomFormat.COMPRESSION_NONE;
                case GZIP -> CustomFormat.COMPRESSION_GZIP;
                case LZ4 -> CustomFormat.COMPRESSION_LZ4;
                case ZSTD -> CustomFormat.COMPRESSION_ZSTD;
            });
        } else if (compression.isNone()) {
            out.writeInt(0);
        } else {
            // 1.14: the zlib level, -1 for Z_DEFAULT_COMPRESSION
            out.writeInt(compression.level() < 0 ? CustomFormat.ZLIB_DEFAULT_LEVEL : compression.level());
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

    /** The TOC in pg_dump's WriteToc field order; offsets are those of the data blocks written, if known. */
    private static void writeToc(CustomOutput out, ArchiveHeader header, List<ArchiveEntry> entries,
            Map<Integer, Long> offsets) throws IOException {
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
            if (header.formatVersion() >= CustomFormat.V1_16) {
                // 1.16: the relkind char as an int, 0 for entries that are not relations
                out.writeInt(e.relkind());
            }
            out.writeStr(e.owner());
            // "WITH OIDS": pg_dump 12+ always writes "false"; pg_restore refuses "true"
            out.writeStr("false");
            for (int dep : e.dependencies()) {
                out.writeStr(Integer.toString(dep));
            }
            out.writeStr(null);
            // the custom format's extra TOC field (WriteExtraToc): the data block's offset
            if (!e.hasData()) {
                out.writeOffset(CustomFormat.K_OFFSET_NO_DATA, 0);
            } else if (offsets.containsKey(e.dumpId())) {
                out.writeOffset(CustomFormat.K_OFFSET_POS_SET, offsets.get(e.dumpId()));
            } else {
                out.writeOffset(CustomFormat.K_OFFSET_POS_NOT_SET, 0);
            }
        }
    }

    private static Map<Integer, Long> writeData(CustomOutput out, List<ArchiveEntry> entries, TableDataSource data,
            Codec codec) throws IOException {
        Map<Integer, Long> offsets = new HashMap<>();
        for (ArchiveEntry e : entries) {
            if (!e.hasData()) {
                continue;
            }
            if (!"TABLE DATA".equals(e.desc())) {
                throw new IllegalArgumentException("the custom archive writer only writes TABLE DATA, not " + e.displayName()
                        + " (dump id " + e.dumpId() + ")");
            }
            offsets.put(e.dumpId(), out.position());
            out.writeByte(CustomFormat.BLK_DATA);
            out.writeInt(e.dumpId());
            try (DataBlockOutputStream rowsSink = new DataBlockOutputStream(out, codec)) {
                data.copyOut(e, rowsSink);
                rowsSink.finish();
            }
        }
        return offsets;
    }
}
