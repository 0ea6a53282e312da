package io.tusk.archive.directory;

import io.tusk.archive.ArchiveEntry;
import io.tusk.archive.ArchiveHeader;
import io.tusk.archive.ArchiveWriter;
import io.tusk.archive.Compression;
import io.tusk.archive.LargeObjectFrames;
import io.tusk.archive.TableDataSource;
import io.tusk.archive.codec.Codec;
import io.tusk.archive.toc.ArchiveOutput;
import io.tusk.archive.toc.LargeObjectToc;
import io.tusk.archive.toc.TocCodec;
import io.tusk.archive.toc.TocFormat;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Writes pg_dump's directory format ({@code -Fd}): {@code toc.dat} and one {@code <dumpId>.dat} per TABLE DATA entry,
 * with the codec's suffix ({@code .gz}, {@code .lz4}, {@code .zst}) when compressed; per BLOBS entry a
 * {@code blob_<oid>.dat} per large object and their table ({@link LargeObjectToc}). Stock pg_restore reads it.
 *
 * <p>Everything is written into a temporary directory beside the target, renamed to the target once toc.dat is
 * complete and deleted on failure: a failed dump never leaves a directory that looks complete. Like pg_dump, the
 * target must not exist or be an empty directory.
 *
 * <p>Each data file is written by {@link #writeDataFile}, which touches nothing but that file (its own stream and
 * compressor, no shared state): a parallel dump can call it from several threads for different entries, then write
 * toc.dat once all are done.
 *
 * <pre>{@code
 * new DirectoryArchiveWriter(Path.of("pagila.dir")).write(header, entries, (entry, sink) -> copyOut(entry, sink));
 * }</pre>
 */
public final class DirectoryArchiveWriter implements ArchiveWriter {
    static final String TOC_FILE = "toc.dat";
    private static final int BUFFER_SIZE = 64 * 1024;

    private final Path target;
    private final int jobs;
    private boolean sync = true;

    /** Writes the archive as the directory {@code target}, which must not exist or be empty. */
    public DirectoryArchiveWriter(Path target) {
        this(target, 1);
    }

    /**
     * Writes data files with {@code jobs} threads at once, largest first (pg_dump -j); the data source must then
     * serve several threads (a connection each).
     */
    public DirectoryArchiveWriter(Path target, int jobs) {
        this.target = Objects.requireNonNull(target, "target");
        this.jobs = Math.max(1, jobs);
    }

    /**
     * Skips waiting for the archive to reach the disk before it is renamed into place (pg_dump --no-sync): faster,
     * and a crash of the machine soon after may leave it incomplete or empty.
     */
    public DirectoryArchiveWriter withoutSync() {
        this.sync = false;
        return this;
    }

    @Override
    public void write(ArchiveHeader header, List<ArchiveEntry> entries, TableDataSource data) throws IOException {
        TocCodec.checkWritable(header, "directory");
        refuseNonEmptyTarget(target);
        Path parent = target.toAbsolutePath().getParent();
        // a dot name beside the target: same file system for the rename, and never mistaken for a finished dump
        Path temp = Files.createTempDirectory(parent, "." + target.getFileName() + ".partial.");
        boolean done = false;
        try {
            writeDataFiles(temp, entries, data, header.compression(), header.formatVersion());
            // toc.dat last, as pg_dump's _CloseArchive: without it, the directory is no archive
            try (OutputStream tocSink = new BufferedOutputStream(Files.newOutputStream(temp.resolve(TOC_FILE)), BUFFER_SIZE)) {
                ArchiveOutput out = new ArchiveOutput(tocSink, 0);
                // format byte archTar, as pg_backup_directory.c writes it
                TocCodec.writeHead(out, header, TocFormat.FORMAT_TAR);
                TocCodec.writeToc(out, header.formatVersion(), entries,
                        (o, e) -> o.writeStr(e.hasData() ? dataFileName(e, header.formatVersion()) : ""));
            }
            if (sync) {
                syncTree(temp);
            }
            moveIntoPlace(temp, target);
            if (sync) {
                io.tusk.archive.OutputFiles.syncDirectory(parent);
            }
            done = true;
        } finally {
            if (!done) {
                deleteRecursively(temp);
            }
        }
    }

    private void writeDataFiles(Path directory, List<ArchiveEntry> entries, TableDataSource data, Compression compression,
            int formatVersion) throws IOException {
        List<ArchiveEntry> withData = new java.util.ArrayList<>();
        for (ArchiveEntry e : entries) {
            if (e.hasData()) {
                withData.add(e);
            }
        }
        if (jobs == 1) {
            for (ArchiveEntry e : withData) {
                writeDataFile(directory, e, data, compression, formatVersion);
            }
            return;
        }
        withData.sort(Comparator.comparingLong((ArchiveEntry e) -> data.sizeHint(e)).reversed());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "tusk-dump-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<Path>> files = new java.util.ArrayList<>();
            for (ArchiveEntry e : withData) {
                files.add(pool.submit(() -> writeDataFile(directory, e, data, compression, formatVersion)));
            }
            for (java.util.concurrent.Future<Path> f : files) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException failure) {
                    files.forEach(other -> other.cancel(true));
                    throw io.tusk.archive.WorkerFailure.rethrow(failure);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while writing data files");
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Writes one entry's data file into the directory: the rows, then pg_dump's {@code \.} line, compressed as asked;
     * for a BLOBS entry, a file per large object and their table (see {@link #writeLargeObjectFiles}).
     * Independent of every other entry's files: safe to call concurrently for different entries.
     *
     * @return the file written (for BLOBS, the table)
     */
    static Path writeDataFile(Path directory, ArchiveEntry entry, TableDataSource data, Compression compression,
            int formatVersion) throws IOException {
        if (LargeObjectFrames.isLargeObjects(entry)) {
            return writeLargeObjectFiles(directory, entry, data, compression, formatVersion);
        }
        if (!"TABLE DATA".equals(entry.desc())) {
            throw new IllegalArgumentException("the directory archive writer only writes TABLE DATA and BLOBS, not "
                    + entry.displayName() + " (dump id " + entry.dumpId() + ")");
        }
        Path file = directory.resolve(dataFileName(entry, formatVersion) + fileSuffix(compression));
        try (OutputStream rowsSink = compressedSink(Files.newOutputStream(file), compression)) {
            data.copyOut(entry, rowsSink);
            rowsSink.write(TocFormat.COPY_END);
        }
        return file;
    }

    /**
     * pg_dump's _StartLOs to _EndLOs: {@code blob_<oid>.dat} per object, compressed as the tables are (suffix
     * added), and the uncompressed table {@code blobs.toc} / {@code blobs_<dumpId>.toc} listing them. One object's
     * file is open at a time.
     */
    private static Path writeLargeObjectFiles(Path directory, ArchiveEntry entry, TableDataSource data, Compression compression,
            int formatVersion) throws IOException {
        Path toc = directory.resolve(dataFileName(entry, formatVersion));
        try (OutputStream tocSink = new BufferedOutputStream(Files.newOutputStream(toc), BUFFER_SIZE)) {
            LargeObjectFrames.Sink files = new LargeObjectFrames.Sink() {
                private OutputStream contentsSink;

                @Override
                public void startObject(long oid) throws IOException {
                    Path file = directory.resolve(LargeObjectToc.objectFileName(oid) + fileSuffix(compression));
                    contentsSink = compressedSink(Files.newOutputStream(file), compression);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    contentsSink.write(b, off, len);
                }

                @Override
                public void endObject(long oid) throws IOException {
                    contentsSink.close();
                    contentsSink = null;
                    tocSink.write(LargeObjectToc.line(oid));
                }
            };
            try (OutputStream frames = LargeObjectFrames.decoding(files)) {
                data.copyOut(entry, frames);
            }
        }
        return toc;
    }

    /**
     * The name toc.dat records: without the compression suffix, which pg_restore adds when it looks for the file;
     * for BLOBS, the large object table.
     */
    static String dataFileName(ArchiveEntry entry, int formatVersion) {
        if (LargeObjectFrames.isLargeObjects(entry)) {
            return LargeObjectToc.directoryFileName(entry, formatVersion);
        }
        return entry.dumpId() + ".dat";
    }

    private static String fileSuffix(Compression compression) {
        return Codec.of(compression).fileSuffix();
    }

    private static OutputStream compressedSink(OutputStream fileSink, Compression compression) throws IOException {
        return new BufferedOutputStream(Codec.of(compression).compressingFile(fileSink), BUFFER_SIZE);
    }

    /** pg_dump: "could not create directory ...: File exists" unless absent or an empty directory. */
    private static void refuseNonEmptyTarget(Path target) throws IOException {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new FileAlreadyExistsException(target.toString(), null,
                    "exists and is not a directory; a directory archive needs a new or empty directory");
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(target)) {
            if (children.iterator().hasNext()) {
                throw new FileAlreadyExistsException(target.toString(), null,
                        "directory exists and is not empty; a directory archive needs a new or empty directory");
            }
        }
    }

    /** Every file of the archive, then the directory, on disk before the rename makes it look complete. */
    private static void syncTree(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f)) {
                    io.tusk.archive.OutputFiles.sync(f);
                }
            }
        }
        io.tusk.archive.OutputFiles.syncDirectory(dir);
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        if (Files.isDirectory(target)) {
            Files.delete(target); // empty, checked before; rename(2) cannot replace it on every system
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
