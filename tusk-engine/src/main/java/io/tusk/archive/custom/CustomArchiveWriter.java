package io.tusk.archive.custom;

import io.tusk.archive.ArchiveEntry;
import io.tusk.archive.ArchiveHeader;
import io.tusk.archive.ArchiveWriter;
import io.tusk.archive.Compression;
import io.tusk.archive.LargeObjectFrames;
import io.tusk.archive.TableDataSource;
import io.tusk.archive.codec.Codec;
import io.tusk.archive.toc.ArchiveOutput;
import io.tusk.archive.toc.TocCodec;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes pg_dump's custom format ({@code -Fc}), archive version 1.14 as pg_dump 12-15 write it, which stock
 * pg_restore 12 to 18 read. Data blocks are uncompressed or gzip (one zlib stream per block, like pg_dump);
 * {@link ArchiveHeader#formatVersion()} is ignored, this writer always writes 1.14.
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
    private final int jobs;
    private boolean sync = true;

    /** Writes to a temporary file beside the target, renamed to the target once complete, deleted on failure. */
    public CustomArchiveWriter(Path target) {
        this(target, 1);
    }

    /**
     * As {@link #CustomArchiveWriter(Path)}, with the data of {@code jobs} entries written at once (the data source
     * must then be safe to call from that many threads); the blocks still follow the table of contents' order.
     */
    public CustomArchiveWriter(Path target, int jobs) {
        this(Objects.requireNonNull(target, "target"), null, null, jobs);
    }

    /** Writes from the channel's current position, with offsets set; closes the channel. */
    public CustomArchiveWriter(FileChannel fileDestination) {
        this(null, Objects.requireNonNull(fileDestination, "fileDestination"), null, 1);
    }

    /** Writes without offsets, for pipes and stdout; closes the stream. */
    public CustomArchiveWriter(OutputStream streamDestination) {
        this(streamDestination, 1);
    }

    /** As {@link #CustomArchiveWriter(OutputStream)} with {@code jobs} entries' data written at once. */
    public CustomArchiveWriter(OutputStream streamDestination, int jobs) {
        this(null, null, Objects.requireNonNull(streamDestination, "streamDestination"), jobs);
    }

    private CustomArchiveWriter(Path target, FileChannel fileDestination, OutputStream streamDestination, int jobs) {
        this.target = target;
        this.fileDestination = fileDestination;
        this.streamDestination = streamDestination;
        this.jobs = Math.max(1, jobs);
    }

    /**
     * Skips waiting for the archive to reach the disk before it is renamed into place (pg_dump --no-sync): faster,
     * and a crash of the machine soon after may leave it incomplete or empty.
     */
    public CustomArchiveWriter withoutSync() {
        this.sync = false;
        return this;
    }

    @Override
    public void write(ArchiveHeader header, List<ArchiveEntry> entries, TableDataSource data) throws IOException {
        TocCodec.checkWritable(header, "custom");
        Codec codec = Codec.of(header.compression());
        if (target != null) {
            writeToFile(header, entries, data, codec);
        } else if (fileDestination != null) {
            try (FileChannel channel = fileDestination) {
                writeSeekable(channel, header, entries, data, codec);
            }
        } else {
            try (OutputStream archiveSink = new BufferedOutputStream(streamDestination, DataBlockOutputStream.CHUNK_SIZE)) {
                ArchiveOutput out = new ArchiveOutput(archiveSink, 0);
                writeHead(out, header);
                writeToc(out, header, entries, Map.of());
                writeData(out, entries, data, codec);
                out.flush();
            }
        }
    }

    private void writeToFile(ArchiveHeader header, List<ArchiveEntry> entries, TableDataSource data, Codec codec)
            throws IOException {
        Path target = io.tusk.archive.OutputFiles.realTarget(this.target);
        Path dir = target.getParent();
        // a dot name beside the target: same file system for the rename, and never mistaken for a finished dump
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".partial");
        boolean done = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                writeSeekable(channel, header, entries, data, codec);
                if (sync) {
                    channel.force(true);
                }
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            if (sync) {
                io.tusk.archive.OutputFiles.syncDirectory(dir);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private void writeSeekable(FileChannel channel, ArchiveHeader header, List<ArchiveEntry> entries,
            TableDataSource data, Codec codec) throws IOException {
        OutputStream archiveSink = new BufferedOutputStream(Channels.newOutputStream(channel), DataBlockOutputStream.CHUNK_SIZE);
        ArchiveOutput out = new ArchiveOutput(archiveSink, channel.position());
        writeHead(out, header);
        long tocPosition = out.position();
        writeToc(out, header, entries, Map.of());
        Map<Integer, Long> offsets = writeData(out, entries, data, codec);
        out.flush();
        long end = channel.position();
        // the offsets are fixed-size, so the second TOC has exactly the length of the first (pg_dump's _CloseArchive)
        channel.position(tocPosition);
        ArchiveOutput rewrite = new ArchiveOutput(archiveSink, tocPosition);
        writeToc(rewrite, header, entries, offsets);
        rewrite.flush();
        channel.position(end);
    }

    private static void writeHead(ArchiveOutput out, ArchiveHeader header) throws IOException {
        TocCodec.writeHead(out, header, CustomFormat.FORMAT_CUSTOM);
    }

    /** The TOC; offsets are those of the data blocks written, if known. */
    private static void writeToc(ArchiveOutput out, ArchiveHeader header, List<ArchiveEntry> entries, Map<Integer, Long> offsets)
            throws IOException {
        // the custom format's extra TOC field (WriteExtraToc): the data block's offset
        TocCodec.writeToc(out, header.formatVersion(), entries, (o, e) -> {
            if (!e.hasData()) {
                o.writeOffset(CustomFormat.K_OFFSET_NO_DATA, 0);
            } else if (offsets.containsKey(e.dumpId())) {
                o.writeOffset(CustomFormat.K_OFFSET_POS_SET, offsets.get(e.dumpId()));
            } else {
                o.writeOffset(CustomFormat.K_OFFSET_POS_NOT_SET, 0);
            }
        });
    }

    /**
     * A BLK_BLOBS block as pg_dump's _StartLOs, _StartLO, _EndLO and _EndLOs write it: type and dump id, then per
     * large object its oid and its contents as a data block body (own compressed stream, chunks, zero length), and a
     * zero oid at the end. An oid above 2^31 is written as the negative int it is in C, as pg_dump's WriteInt does.
     */
    private static void writeLargeObjectsBlock(ArchiveOutput out, ArchiveEntry e, TableDataSource data, Codec codec)
            throws IOException {
        out.writeByte(CustomFormat.BLK_BLOBS);
        out.writeInt(e.dumpId());
        LargeObjectFrames.Sink blockSink = new LargeObjectFrames.Sink() {
            private DataBlockOutputStream contentsSink;

            @Override
            public void startObject(long oid) throws IOException {
                out.writeInt((int) oid);
                contentsSink = DataBlockOutputStream.forLargeObject(out, codec);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                contentsSink.write(b, off, len);
            }

            @Override
            public void endObject(long oid) throws IOException {
                contentsSink.finish();
                contentsSink = null;
            }
        };
        try (OutputStream frames = LargeObjectFrames.decoding(blockSink)) {
            data.copyOut(e, frames);
        }
        out.writeInt(0);
    }

    private Map<Integer, Long> writeData(ArchiveOutput out, List<ArchiveEntry> entries, TableDataSource data,
            Codec codec) throws IOException {
        List<ArchiveEntry> withData = entries.stream().filter(ArchiveEntry::hasData).toList();
        for (ArchiveEntry e : withData) {
            if (!LargeObjectFrames.isLargeObjects(e) && !"TABLE DATA".equals(e.desc())) {
                throw new IllegalArgumentException("the custom archive writer only writes TABLE DATA and BLOBS, not "
                        + e.displayName() + " (dump id " + e.dumpId() + ")");
            }
        }
        if (jobs > 1) {
            return new ParallelBlockWriter(jobs, spillDirectory()).write(out, withData,
                    (blockOut, e) -> writeBlock(blockOut, e, data, codec));
        }
        Map<Integer, Long> offsets = new HashMap<>();
        for (ArchiveEntry e : withData) {
            offsets.put(e.dumpId(), out.position());
            writeBlock(out, e, data, codec);
        }
        return offsets;
    }

    /** Where blocks written ahead of their turn wait: beside the archive, or the temporary directory for a stream. */
    private Path spillDirectory() throws IOException {
        if (target != null) {
            Path parent = io.tusk.archive.OutputFiles.realTarget(target).toAbsolutePath().getParent();
            if (parent != null) {
                return parent;
            }
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** One entry's data block: BLK_DATA, its dump id, the compressed rows in chunks, a zero length; or BLK_BLOBS. */
    static void writeBlock(ArchiveOutput out, ArchiveEntry e, TableDataSource data, Codec codec) throws IOException {
        if (LargeObjectFrames.isLargeObjects(e)) {
            writeLargeObjectsBlock(out, e, data, codec);
            return;
        }
        out.writeByte(CustomFormat.BLK_DATA);
        out.writeInt(e.dumpId());
        try (DataBlockOutputStream rowsSink = new DataBlockOutputStream(out, codec)) {
            data.copyOut(e, rowsSink);
            rowsSink.finish();
        }
    }
}
