package io.tusk.archive.directory;

import io.tusk.archive.ArchiveEntry;
import io.tusk.archive.ArchiveFormatException;
import io.tusk.archive.ArchiveHeader;
import io.tusk.archive.ArchiveReader;
import io.tusk.archive.Compression;
import io.tusk.archive.LargeObjectFrames;
import io.tusk.archive.codec.Codec;
import io.tusk.archive.toc.ArchiveInput;
import io.tusk.archive.toc.CopyEndStrippingInputStream;
import io.tusk.archive.toc.LargeObjectToc;
import io.tusk.archive.toc.TocCodec;
import io.tusk.archive.toc.TocFormat;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads pg_dump's directory format ({@code -Fd}) as pg_dump 12 to 18 write it: toc.dat (archive versions 1.12 to
 * 1.16), a data file per TABLE DATA entry, uncompressed ({@code N.dat}) or compressed ({@code .gz}, {@code .lz4},
 * {@code .zst}), and per BLOBS entry a large object table ({@link LargeObjectToc}) naming a file per object, read as
 * {@link LargeObjectFrames}. Entries may be read in any order, also concurrently.
 *
 * <p>Like pg_restore 16+, the file is found by its recorded name or that name with a compression suffix, whatever the
 * header says.
 *
 * <pre>{@code
 * try (DirectoryArchiveReader archive = DirectoryArchiveReader.open(Path.of("pagila.dir"))) { ... }
 * }</pre>
 */
public final class DirectoryArchiveReader implements ArchiveReader {
    private final Path directory;
    private final ArchiveHeader header;
    private final List<ArchiveEntry> entries;
    /** Dump id to the data file name toc.dat records ("3261.dat"), "" or null without data. */
    private final Map<Integer, String> fileNames;

    private DirectoryArchiveReader(Path directory, ArchiveHeader header, List<ArchiveEntry> entries, Map<Integer, String> fileNames) {
        this.directory = directory;
        this.header = header;
        this.entries = entries;
        this.fileNames = fileNames;
    }

    /** Reads toc.dat now; data files are opened on demand. */
    public static DirectoryArchiveReader open(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new ArchiveFormatException("not a pg_dump directory archive: " + directory + " is not a directory");
        }
        Path toc = directory.resolve(DirectoryArchiveWriter.TOC_FILE);
        try (FileChannel channel = FileChannel.open(toc, StandardOpenOption.READ)) {
            ArchiveInput in = ArchiveInput.atPosition(channel, 0, "toc.dat");
            ArchiveHeader header = TocCodec.readHead(in, TocFormat.FORMAT_TAR, "directory archive");
            Map<Integer, String> fileNames = new HashMap<>();
            List<ArchiveEntry> entries = TocCodec.readToc(in, header.formatVersion(), (i, e) -> i.readStr(), fileNames);
            return new DirectoryArchiveReader(directory, header, entries, fileNames);
        } catch (NoSuchFileException e) {
            throw new ArchiveFormatException("not a pg_dump directory archive: " + directory + " has no toc.dat", e);
        } catch (ArchiveFormatException e) {
            throw new ArchiveFormatException(toc + ": " + e.getMessage(), e);
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
        return true;
    }

    /** The data file's size, as stored. */
    @Override
    public long dataSize(ArchiveEntry entry) {
        String name = fileNames.get(entry.dumpId());
        if (!entry.hasData() || name == null || name.isEmpty() || name.contains("/") || name.startsWith(".")) {
            return -1;
        }
        try {
            return Files.size(dataFile(entry, name));
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public InputStream openData(ArchiveEntry entry) throws IOException {
        if (!fileNames.containsKey(entry.dumpId())) {
            throw new IllegalArgumentException(entry.displayName() + " (dump id " + entry.dumpId() + ") is not in this archive");
        }
        String name = fileNames.get(entry.dumpId());
        if (!entry.hasData() || name == null || name.isEmpty()) {
            throw new ArchiveFormatException(entry.displayName() + " has no data in this archive");
        }
        boolean largeObjects = LargeObjectFrames.isLargeObjects(entry);
        if (!"TABLE DATA".equals(entry.desc()) && !largeObjects) {
            throw new ArchiveFormatException(entry.displayName() + ": reading " + entry.desc()
                    + " data is not supported yet, only TABLE DATA and BLOBS");
        }
        if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new ArchiveFormatException(entry.displayName() + ": toc.dat names the data file \"" + name
                    + "\", which is not a file of the archive directory; toc.dat is corrupt");
        }
        Path file = dataFile(entry, name);
        if (largeObjects) {
            return LargeObjectFrames.framesOf(largeObjectsListedIn(entry, file));
        }
        InputStream rows;
        try {
            rows = decompressedSource(file);
        } catch (ArchiveFormatException e) {
            throw new ArchiveFormatException(entry.displayName() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw NamingFailures.failure(entry, file, e);
        }
        return new CopyEndStrippingInputStream(new NamingFailures(rows, entry, file));
    }

    /**
     * The objects of a large object table, as pg_restore's _LoadLOs reads them: each line names an object and its
     * file, found and decompressed as a table's data file is.
     */
    private LargeObjectFrames.LargeObjects largeObjectsListedIn(ArchiveEntry entry, Path toc) throws IOException {
        BufferedReader lines;
        try {
            lines = new BufferedReader(new InputStreamReader(decompressedSource(toc), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw NamingFailures.failure(entry, toc, e);
        }
        return () -> {
            String line;
            try {
                line = lines.readLine();
                while (line != null && line.isBlank()) {
                    line = lines.readLine();
                }
            } catch (IOException e) {
                lines.close();
                throw NamingFailures.failure(entry, toc, e);
            }
            if (line == null) {
                lines.close();
                return null;
            }
            LargeObjectToc.Line object = LargeObjectToc.parse(line, entry.displayName() + ": " + toc);
            Path file = dataFile(entry, object.fileName());
            InputStream contents;
            try {
                contents = decompressedSource(file);
            } catch (ArchiveFormatException e) {
                throw new ArchiveFormatException(entry.displayName() + ": " + e.getMessage(), e);
            } catch (IOException e) {
                throw NamingFailures.failure(entry, file, e);
            }
            return new LargeObjectFrames.LargeObject(object.oid(), new NamingFailures(contents, entry, file));
        };
    }

    /** The recorded name, or with a compression suffix (pg_restore 16+'s InitDiscoverCompressFileHandle). */
    private Path dataFile(ArchiveEntry entry, String name) throws ArchiveFormatException {
        for (String suffix : new String[] {"", ".gz", ".lz4", ".zst"}) {
            Path candidate = directory.resolve(name + suffix);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new ArchiveFormatException(entry.displayName() + ": its data file " + directory.resolve(name)
                + " (or " + name + ".gz, .lz4, .zst) is missing; the directory archive is incomplete");
    }

    /** Decompression chosen by the file's suffix, as pg_restore does. */
    private static InputStream decompressedSource(Path file) throws IOException {
        String name = file.getFileName().toString();
        Compression.Algorithm algorithm = name.endsWith(".gz") ? Compression.Algorithm.GZIP
                : name.endsWith(".lz4") ? Compression.Algorithm.LZ4
                : name.endsWith(".zst") ? Compression.Algorithm.ZSTD : Compression.Algorithm.NONE;
        InputStream fileSource = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        try {
            return Codec.of(new Compression(algorithm, -1)).decompressingFile(fileSource);
        } catch (RuntimeException e) {
            fileSource.close();
            throw e;
        }
    }


    @Override
    public void close() {
    }

    /** Reports a corrupt or truncated data file as an ArchiveFormatException naming the entry and the file. */
    private static final class NamingFailures extends FilterInputStream {
        private final ArchiveEntry entry;
        private final Path file;

        NamingFailures(InputStream source, ArchiveEntry entry, Path file) {
            super(source);
            this.entry = entry;
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw failure(entry, file, e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw failure(entry, file, e);
            }
        }

        static ArchiveFormatException failure(ArchiveEntry entry, Path file, IOException e) {
            return new ArchiveFormatException(entry.displayName() + ": data file " + file + " is truncated or corrupt: "
                    + e.getMessage(), e);
        }
    }
}
