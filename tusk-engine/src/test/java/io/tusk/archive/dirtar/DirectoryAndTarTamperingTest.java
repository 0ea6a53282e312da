package io.tusk.archive.dirtar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tusk.archive.ArchiveEntry;
import io.tusk.archive.ArchiveFormatException;
import io.tusk.archive.ArchiveHeader;
import io.tusk.archive.ArchiveReader;
import io.tusk.archive.Compression;
import io.tusk.archive.Section;
import io.tusk.archive.TableDataSource;
import io.tusk.archive.directory.DirectoryArchiveReader;
import io.tusk.archive.directory.DirectoryArchiveWriter;
import io.tusk.archive.tar.TarArchiveReader;
import io.tusk.archive.tar.TarArchiveWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tusk's directory and tar archives read back, and every damage reported as a clear ArchiveFormatException. */
class DirectoryAndTarTamperingTest {
    private static final ArchiveEntry TABLE = new ArchiveEntry(210, "TABLE", Section.PRE_DATA, "s", "t", "postgres", "",
            "heap", "CREATE TABLE s.t (a integer, b text);\n", "DROP TABLE s.t;\n", null, false, "1259", "16391",
            List.of(), '\0');
    private static final ArchiveEntry DATA = new ArchiveEntry(3290, "TABLE DATA", Section.DATA, "s", "t", "postgres",
            null, null, null, null, "COPY s.t (a, b) FROM stdin;\n", true, "0", "16391", List.of(210), '\0');
    private static final String ROWS = "1\tplain\n2\ttab\\there\n3\t\\N\n";
    private static final TableDataSource SOURCE = (entry, sink) -> {
        for (int i = 0; i < 2000; i++) {
            sink.write(ROWS.getBytes(StandardCharsets.UTF_8));
        }
    };

    @TempDir
    Path dir;

    private static ArchiveHeader header(Compression compression) {
        return new ArchiveHeader(ArchiveHeader.version(1, 14, 0), compression, "sample", "15.13", "Tusk 0.1.0",
                LocalDateTime.of(2026, 3, 14, 15, 9, 26));
    }

    private static String read(ArchiveReader reader, ArchiveEntry entry) throws IOException {
        try (InputStream rows = reader.openData(entry)) {
            return new String(rows.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Path directory(Compression compression) throws IOException {
        Path archive = dir.resolve("archive.dir");
        new DirectoryArchiveWriter(archive).write(header(compression), List.of(TABLE, DATA), SOURCE);
        return archive;
    }

    private Path tar() throws IOException {
        Path archive = dir.resolve("archive.tar");
        new TarArchiveWriter(archive).write(header(Compression.NONE), List.of(TABLE, DATA), SOURCE);
        return archive;
    }

    @Test
    void shouldReadBackAGzipDirectoryArchive() throws Exception {
        Path archive = directory(Compression.GZIP_DEFAULT);
        assertThat(archive.resolve("3290.dat.gz")).exists();
        assertThat(Files.list(archive).filter(p -> p.getFileName().toString().contains("partial"))).isEmpty();
        try (DirectoryArchiveReader reader = DirectoryArchiveReader.open(archive)) {
            assertThat(reader.entries()).containsExactly(TABLE, DATA);
            assertThat(read(reader, DATA)).isEqualTo(ROWS.repeat(2000));
        }
    }

    @Test
    void shouldRefuseANonEmptyTargetDirectoryAndLeaveNoPartialDirectory() throws Exception {
        Path target = Files.createDirectory(dir.resolve("taken"));
        Files.writeString(target.resolve("other"), "x");
        assertThatThrownBy(() -> new DirectoryArchiveWriter(target).write(header(Compression.NONE), List.of(TABLE, DATA), SOURCE))
                .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("not empty");
        TableDataSource failing = (entry, sink) -> {
            throw new IOException("connection lost");
        };
        assertThatThrownBy(() -> new DirectoryArchiveWriter(dir.resolve("failed")).write(header(Compression.NONE),
                List.of(TABLE, DATA), failing)).hasMessage("connection lost");
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("taken");
        }
    }

    @Test
    void shouldNameTheEntryAndTheFileWhenADataFileIsMissing() throws Exception {
        Path archive = directory(Compression.GZIP_DEFAULT);
        Files.delete(archive.resolve("3290.dat.gz"));
        try (DirectoryArchiveReader reader = DirectoryArchiveReader.open(archive)) {
            assertThatThrownBy(() -> reader.openData(DATA)).isInstanceOf(ArchiveFormatException.class)
                    .hasMessage("TABLE DATA s.t: its data file " + archive.resolve("3290.dat")
                            + " (or 3290.dat.gz, .lz4, .zst) is missing; the directory archive is incomplete");
        }
    }

    @Test
    void shouldReportATruncatedGzipDataFile() throws Exception {
        Path archive = directory(Compression.GZIP_DEFAULT);
        Path file = archive.resolve("3290.dat.gz");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        try (DirectoryArchiveReader reader = DirectoryArchiveReader.open(archive)) {
            assertThatThrownBy(() -> read(reader, DATA)).isInstanceOf(ArchiveFormatException.class)
                    .hasMessageStartingWith("TABLE DATA s.t: data file " + file + " is truncated or corrupt");
        }
    }

    @Test
    void shouldReportTocDatTruncatedAtEveryLength() throws Exception {
        Path archive = directory(Compression.NONE);
        Path toc = archive.resolve("toc.dat");
        byte[] whole = Files.readAllBytes(toc);
        for (int len = 0; len < whole.length; len++) {
            Files.write(toc, Arrays.copyOf(whole, len));
            assertThatThrownBy(() -> DirectoryArchiveReader.open(archive).close())
                    .as("toc.dat cut to %d of %d bytes", len, whole.length)
                    .isInstanceOf(ArchiveFormatException.class)
                    .hasMessageStartingWith(toc + ": ")
                    .hasMessageMatching("(?s).*(truncated|does not start with).*");
        }
    }

    @Test
    void shouldReadBackATarFileInAnyOrderAndAStream() throws Exception {
        Path archive = tar();
        try (TarArchiveReader reader = TarArchiveReader.open(archive)) {
            assertThat(reader.entries()).containsExactly(TABLE, DATA);
            assertThat(read(reader, DATA)).isEqualTo(ROWS.repeat(2000));
            assertThat(read(reader, DATA)).isEqualTo(ROWS.repeat(2000));
        }
        try (TarArchiveReader reader = TarArchiveReader.open(Files.newInputStream(archive))) {
            assertThat(read(reader, DATA)).isEqualTo(ROWS.repeat(2000));
            assertThatThrownBy(() -> reader.openData(DATA)).isInstanceOf(ArchiveFormatException.class)
                    .hasMessageContaining("data must be read in archive order");
        }
    }

    @Test
    void shouldReportATarTruncatedAtEveryBlockAndInsideMembers() throws Exception {
        byte[] whole = Files.readAllBytes(tar());
        int dataHeader = 512 + padded(memberSize(whole, 0));
        int dataEnd = dataHeader + 512 + memberSize(whole, dataHeader);
        // every cut before the data member's last byte must fail; a cut in its padding loses no data
        for (int len = 0; len < dataEnd; len += 97) {
            byte[] cut = Arrays.copyOf(whole, len);
            Path file = dir.resolve("cut.tar");
            Files.write(file, cut);
            assertThatThrownBy(() -> readAllData(TarArchiveReader.open(file)))
                    .as("tar cut to %d of %d bytes, from a file", len, whole.length)
                    .isInstanceOf(ArchiveFormatException.class)
                    .hasMessageMatching("(?s).*(truncated|not a pg_dump tar archive|no member).*");
            assertThatThrownBy(() -> readAllData(TarArchiveReader.open(new ByteArrayInputStream(cut))))
                    .as("tar cut to %d of %d bytes, from a stream", len, whole.length)
                    .isInstanceOf(ArchiveFormatException.class)
                    .hasMessageMatching("(?s).*(truncated|not a pg_dump tar archive|no member).*");
        }
    }

    @Test
    void shouldRefuseATarWithADamagedHeader() throws Exception {
        byte[] whole = Files.readAllBytes(tar());
        whole[130] ^= 1; // a digit of toc.dat's size
        assertThatThrownBy(() -> TarArchiveReader.open(new ByteArrayInputStream(whole)))
                .isInstanceOf(ArchiveFormatException.class)
                .hasMessageStartingWith("corrupt tar archive: the header at offset 0 has checksum");
    }

    private static int memberSize(byte[] tar, int header) {
        return Integer.parseInt(new String(tar, header + 124, 11, StandardCharsets.US_ASCII), 8);
    }

    private static int padded(int size) {
        return (size + 511) / 512 * 512;
    }

    private static void readAllData(TarArchiveReader reader) throws IOException {
        try (reader) {
            read(reader, DATA);
        }
    }
}
