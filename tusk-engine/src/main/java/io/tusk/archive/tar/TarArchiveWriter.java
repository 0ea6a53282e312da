package io.tusk.archive.tar;

import io.tusk.archive.ArchiveEntry;
import io.tusk.archive.ArchiveHeader;
import io.tusk.archive.ArchiveWriter;
import io.tusk.archive.LargeObjectFrames;
import io.tusk.archive.TableDataSource;
import io.tusk.archive.toc.ArchiveOutput;
import io.tusk.archive.toc.LargeObjectToc;
import io.tusk.archive.toc.TocCodec;
import io.tusk.archive.toc.TocFormat;
import io.tusk.restore.RestoreOptions;
import io.tusk.restore.ScriptRestore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Writes pg_dump's tar format ({@code -Ft}): members {@code toc.dat} (archive version 1.14, as pg_dump 12-15), one
 * {@code <dumpId>.dat} per TABLE DATA entry in TOC order, and {@code restore.sql}, the script with each COPY reading
 * {@code $$PATH$$/<dumpId>.dat}; then two zero blocks. A BLOBS entry's large objects are members
 * {@code blob_<oid>.dat} followed by their table {@code blobs_<dumpId>.toc}. Uncompressed only, as pg_dump: a header asking for compression
 * is refused. Stock pg_restore 12 to 18 read it.
 *
 * <p>A tar header holds its member's size, so each table's rows are spooled to a temporary file first (as pg_dump
 * does, tmpfile() in pg_backup_tar.c), never held in memory; beside the target for a file, in java.io.tmpdir for a
 * stream. To a {@link Path}, the archive is written under a temporary name and renamed when complete.
 *
 * <pre>{@code
 * new TarArchiveWriter(Path.of("pagila.tar")).write(header, entries, (entry, sink) -> copyOut(entry, sink));
 * }</pre>
 */
public final class TarArchiveWriter implements ArchiveWriter {
    static final String TOC_MEMBER = "toc.dat";
    static final String SCRIPT_MEMBER = "restore.sql";
    private static final int BUFFER_SIZE = 64 * 1024;

    private final Path target;
    private final OutputStream streamDestination;
    private boolean sync = true;

    /** Writes to a temporary file beside the target, renamed to the target once complete, deleted on failure. */
    public TarArchiveWriter(Path target) {
        this.target = Objects.requireNonNull(target, "target");
        this.streamDestination = null;
    }

    /** Writes to a stream (stdout); closes it. */
    public TarArchiveWriter(OutputStream streamDestination) {
        this.target = null;
        this.streamDestination = Objects.requireNonNull(streamDestination, "streamDestination");
    }

    /**
     * Skips waiting for the archive to reach the disk before it is renamed into place (pg_dump --no-sync): faster,
     * and a crash of the machine soon after may leave it incomplete or empty.
     */
    public TarArchiveWriter withoutSync() {
        this.sync = false;
        return this;
    }

    @Override
    public void write(ArchiveHeader header, List<ArchiveEntry> entries, TableDataSource data) throws IOException {
        if (!header.compression().isNone()) {
            // pg_dump: "compression is not supported by tar archive format"
            throw new IllegalArgumentException("compression is not supported by the tar archive format (asked: "
                    + header.compression().algorithm().name().toLowerCase() + "); use the directory or custom format");
        }
        if (target == null) {
            try (OutputStream archiveSink = new BufferedOutputStream(streamDestination, BUFFER_SIZE)) {
                writeArchive(archiveSink, header, entries, data, null);
            }
            return;
        }
        Path target = io.tusk.archive.OutputFiles.realTarget(this.target);
        Path dir = target.getParent();
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".partial");
        boolean done = false;
        try {
            try (OutputStream archiveSink = new BufferedOutputStream(Files.newOutputStream(temp), BUFFER_SIZE)) {
                writeArchive(archiveSink, header, entries, data, dir);
            }
            if (sync) {
                io.tusk.archive.OutputFiles.sync(temp);
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

    private static void writeArchive(OutputStream archiveSink, ArchiveHeader header, List<ArchiveEntry> entries,
            TableDataSource data, Path spoolDir) throws IOException {
        long mtime = header.createdAt().atZone(ZoneId.systemDefault()).toEpochSecond();
        writeMember(archiveSink, TOC_MEMBER, mtime, spoolDir, tocSink -> {
            ArchiveOutput out = new ArchiveOutput(tocSink, 0);
            TocCodec.writeHead(out, header, TocFormat.FORMAT_TAR);
            TocCodec.writeToc(out, header.formatVersion(), entries, (o, e) -> o.writeStr(e.hasData() ? dataMemberName(e) : ""));
        });
        for (ArchiveEntry e : entries) {
            if (!e.hasData()) {
                continue;
            }
            if (LargeObjectFrames.isLargeObjects(e)) {
                writeLargeObjectMembers(archiveSink, e, data, mtime, spoolDir);
                continue;
            }
            if (!"TABLE DATA".equals(e.desc())) {
                throw new IllegalArgumentException("the tar archive writer only writes TABLE DATA and BLOBS, not "
                        + e.displayName() + " (dump id " + e.dumpId() + ")");
            }
            writeMember(archiveSink, dataMemberName(e), mtime, spoolDir, rowsSink -> {
                data.copyOut(e, rowsSink);
                rowsSink.write(TocFormat.COPY_END);
            });
        }
        // pg_dump's restore.sql: a clean restore script (its _CloseArchive sets dropSchema)
        RestoreOptions scriptOptions = new RestoreOptions();
        scriptOptions.clean = true;
        writeMember(archiveSink, SCRIPT_MEMBER, mtime, spoolDir, scriptSink -> ScriptRestore.writeReferencingDataFiles(
                header, entries, scriptOptions, TarArchiveWriter::dataMemberName, nonClosing(scriptSink)));
        archiveSink.write(new byte[2 * TarHeader.BLOCK]);
    }

    static String dataMemberName(ArchiveEntry entry) {
        return entry.dumpId() + ".dat";
    }

    @FunctionalInterface
    private interface MemberContent {
        void writeTo(OutputStream memberSink) throws IOException;
    }

    /** Spools the member to a temporary file to learn its size, then writes header, bytes and padding. */
    private static void writeMember(OutputStream archiveSink, String name, long mtime, Path spoolDir, MemberContent content)
            throws IOException {
        Path spool = newSpool(spoolDir);
        try {
            try (OutputStream spoolSink = new BufferedOutputStream(Files.newOutputStream(spool), BUFFER_SIZE)) {
                content.writeTo(spoolSink);
            }
            copyAsMember(archiveSink, name, mtime, spool);
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private static Path newSpool(Path spoolDir) throws IOException {
        return spoolDir != null ? Files.createTempFile(spoolDir, ".tusk-tar-", ".spool") : Files.createTempFile("tusk-tar-", ".spool");
    }

    private static void copyAsMember(OutputStream archiveSink, String name, long mtime, Path spool) throws IOException {
        long size = Files.size(spool);
        archiveSink.write(TarHeader.create(name, size, mtime));
        try (InputStream spoolSource = Files.newInputStream(spool)) {
            long copied = spoolSource.transferTo(archiveSink);
            if (copied != size) {
                throw new IOException("spool file " + spool + " changed while copied: " + copied + " bytes, expected " + size);
            }
        }
        archiveSink.write(new byte[(int) (TarHeader.padded(size) - size)]);
    }

    /**
     * pg_dump's _StartLOs to _EndLOs (pg_backup_tar.c): a member {@code blob_<oid>.dat} per object, then the table
     * {@code blobs_<dumpId>.toc} listing them, which pg_dump closes, and so writes, last. No {@code <dumpId>.dat}
     * member, though toc.dat names one. Each object and the table are spooled, as every member is.
     */
    private static void writeLargeObjectMembers(OutputStream archiveSink, ArchiveEntry entry, TableDataSource data, long mtime,
            Path spoolDir) throws IOException {
        Path tocSpool = newSpool(spoolDir);
        try (OutputStream tocSink = new BufferedOutputStream(Files.newOutputStream(tocSpool), BUFFER_SIZE)) {
            LargeObjectFrames.Sink members = new LargeObjectFrames.Sink() {
                private Path spool;
                private OutputStream contentsSink;

                @Override
                public void startObject(long oid) throws IOException {
                    spool = newSpool(spoolDir);
                    contentsSink = new BufferedOutputStream(Files.newOutputStream(spool), BUFFER_SIZE);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    contentsSink.write(b, off, len);
                }

                @Override
                public void endObject(long oid) throws IOException {
                    try {
                        contentsSink.close();
                        copyAsMember(archiveSink, LargeObjectToc.objectFileName(oid), mtime, spool);
                    } finally {
                        Files.deleteIfExists(spool);
                        spool = null;
                    }
                    tocSink.write(LargeObjectToc.line(oid));
                }
            };
            try (OutputStream frames = LargeObjectFrames.decoding(members)) {
                data.copyOut(entry, frames);
            }
            tocSink.close();
            copyAsMember(archiveSink, LargeObjectToc.tarMemberName(entry), mtime, tocSpool);
        } finally {
            Files.deleteIfExists(tocSpool);
        }
    }

    private static OutputStream nonClosing(OutputStream sink) {
        return new java.io.FilterOutputStream(sink) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
