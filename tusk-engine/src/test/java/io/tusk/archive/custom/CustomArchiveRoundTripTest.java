package io.tusk.archive.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tusk.archive.ArchiveEntry;
import io.tusk.archive.ArchiveFormatException;
import io.tusk.archive.ArchiveHeader;
import io.tusk.archive.ArchiveReader;
import io.tusk.archive.Compression;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CustomArchiveRoundTripTest {
    @TempDir
    Path dir;

    static Stream<Arguments> compressions() {
        return Stream.of("none", "gzip", "gzip:1", "gzip:9", "lz4", "zstd", "zstd:19")
                .map(spec -> Arguments.of(Compression.parse(spec)));
    }

    @ParameterizedTest
    @MethodSource("compressions")
    void shouldReadBackWhatItWroteToAFile(Compression compression) throws IOException {
        Path file = dir.resolve("sample.dump");
        new CustomArchiveWriter(file).write(SampleArchive.header(compression), SampleArchive.FULL, SampleArchive.DATA);

        try (CustomArchiveReader reader = CustomArchiveReader.open(file)) {
            assertThat(reader.hasDataOffsets()).isTrue();
            assertHeaderAndEntries(reader, compression);
            // out of archive order: a file seeks
            assertThat(readAll(reader, SampleArchive.BIG_DATA)).isEqualTo(SampleArchive.bigRows());
            assertThat(readAll(reader, SampleArchive.T_DATA)).isEqualTo(SampleArchive.T_ROWS);
            assertThat(readAll(reader, SampleArchive.BIG_DATA)).isEqualTo(SampleArchive.bigRows());
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactly(file);
        }
    }

    @ParameterizedTest
    @MethodSource("compressions")
    void shouldReadBackWhatItWroteToAStreamInArchiveOrder(Compression compression) throws IOException {
        byte[] archive = writeToStream(compression, SampleArchive.FULL);

        try (CustomArchiveReader reader = CustomArchiveReader.open(new ByteArrayInputStream(archive))) {
            assertThat(reader.hasDataOffsets()).isFalse();
            assertHeaderAndEntries(reader, compression);
            assertThat(readAll(reader, SampleArchive.T_DATA)).isEqualTo(SampleArchive.T_ROWS);
            assertThat(readAll(reader, SampleArchive.BIG_DATA)).isEqualTo(SampleArchive.bigRows());
        }
    }

    @Test
    void shouldSkipDataNotAskedForOrNotReadToTheEndOnAStream() throws IOException {
        byte[] archive = writeToStream(Compression.GZIP_DEFAULT, SampleArchive.FULL);

        try (CustomArchiveReader reader = CustomArchiveReader.open(new ByteArrayInputStream(archive))) {
            try (InputStream rows = reader.openData(SampleArchive.T_DATA)) {
                assertThat(rows.read()).isEqualTo('1');
            }
            assertThat(readAll(reader, SampleArchive.BIG_DATA)).isEqualTo(SampleArchive.bigRows());
        }
        try (CustomArchiveReader reader = CustomArchiveReader.open(new ByteArrayInputStream(archive))) {
            assertThat(readAll(reader, SampleArchive.BIG_DATA)).isEqualTo(SampleArchive.bigRows());
            assertThatThrownBy(() -> reader.openData(SampleArchive.T_DATA))
                    .isInstanceOf(ArchiveFormatException.class)
                    .hasMessageContaining("TABLE DATA s.t")
                    .hasMessageContaining("archive order");
        }
    }

    @Test
    void shouldFindDataByScanningAFileWrittenWithoutOffsets() throws IOException {
        Path file = dir.resolve("piped.dump");
        Files.write(file, writeToStream(Compression.GZIP_DEFAULT, SampleArchive.FULL));

        try (CustomArchiveReader reader = CustomArchiveReader.open(file)) {
            assertThat(reader.hasDataOffsets()).isFalse();
            assertThat(readAll(reader, SampleArchive.BIG_DATA)).isEqualTo(SampleArchive.bigRows());
            assertThat(readAll(reader, SampleArchive.T_DATA)).isEqualTo(SampleArchive.T_ROWS);
        }
    }

    @Test
    void shouldWriteTheSameArchiveToAFileChannelAsToAPath() throws IOException {
        Path viaPath = dir.resolve("path.dump");
        Path viaChannel = dir.resolve("channel.dump");
        new CustomArchiveWriter(viaPath).write(SampleArchive.header(Compression.NONE), SampleArchive.SMALL, SampleArchive.DATA);
        new CustomArchiveWriter(FileChannel.open(viaChannel, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
                .write(SampleArchive.header(Compression.NONE), SampleArchive.SMALL, SampleArchive.DATA);

        assertThat(viaChannel).hasSameBinaryContentAs(viaPath);
        // the stream form differs only in the offsets: flag 1 ("not set") and zero instead of flag 2 and the position
        assertThat(writeToStream(Compression.NONE, SampleArchive.SMALL)).hasSameSizeAs(Files.readAllBytes(viaPath));
    }

    @Test
    void shouldLeaveNoFileWhenTheDataFails() throws IOException {
        Path file = dir.resolve("failed.dump");
        CustomArchiveWriter writer = new CustomArchiveWriter(file);

        assertThatThrownBy(() -> writer.write(SampleArchive.header(Compression.GZIP_DEFAULT), SampleArchive.FULL,
                (entry, sink) -> {
                    sink.write("1\tpartial\n".getBytes(StandardCharsets.UTF_8));
                    throw new IOException("connection lost during COPY");
                })).hasMessage("connection lost during COPY");

        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void shouldRefuseCompressionThatVersion114CannotRecord() {
        CustomArchiveWriter writer = new CustomArchiveWriter(new ByteArrayOutputStream());

        assertThatThrownBy(() -> writer.write(SampleArchive.header(CustomFormat.V1_14, Compression.parse("lz4")),
                SampleArchive.SMALL, SampleArchive.DATA))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("compression lz4 cannot be written in custom archive version 1.14 (pg_dump 12-15), whose header"
                        + " only holds a zlib level; use gzip or none, or archive version 1.15+ (read by pg_restore 16+)");
    }

    @Test
    void shouldWriteTheHeaderAndTableOfContentsOfEachVersion() throws IOException {
        for (int version : new int[] {CustomFormat.V1_14, CustomFormat.V1_15, CustomFormat.V1_16}) {
            for (Compression compression : List.of(Compression.NONE, Compression.parse("gzip"), Compression.parse("zstd"))) {
                if (version == CustomFormat.V1_14 && compression.algorithm() == Compression.Algorithm.ZSTD) {
                    continue;
                }
                ByteArrayOutputStream archive = new ByteArrayOutputStream();
                new CustomArchiveWriter(archive).write(SampleArchive.header(version, compression), SampleArchive.FULL,
                        SampleArchive.DATA);
                byte[] bytes = archive.toByteArray();
                assertThat(bytes[5]).isEqualTo((byte) 1);
                assertThat(bytes[6]).isEqualTo((byte) (version >> 8));
                try (CustomArchiveReader reader = CustomArchiveReader.open(new ByteArrayInputStream(bytes))) {
                    assertThat(reader.header().formatVersion()).isEqualTo(version);
                    // 1.15+ record the algorithm only
                    assertThat(reader.header().compression()).isEqualTo(version == CustomFormat.V1_14 || compression.isNone()
                            ? compression : new Compression(compression.algorithm(), -1));
                    // the relkind travels from 1.16 on
                    assertThat(reader.entries().get(3).relkind()).isEqualTo(version >= CustomFormat.V1_16 ? 'r' : '\0');
                    assertThat(readAll(reader, SampleArchive.T_DATA)).isEqualTo(SampleArchive.T_ROWS);
                }
            }
        }
        assertThatThrownBy(() -> new CustomArchiveWriter(new ByteArrayOutputStream()).write(
                SampleArchive.header(CustomFormat.V1_13, Compression.NONE), SampleArchive.SMALL, SampleArchive.DATA))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("custom archive version 1.13 cannot be written");
    }

    @Test
    void shouldSayThatAnEntryWithoutDataHasNone() throws IOException {
        try (CustomArchiveReader reader = CustomArchiveReader.open(
                new ByteArrayInputStream(writeToStream(Compression.NONE, SampleArchive.SMALL)))) {
            assertThatThrownBy(() -> reader.openData(SampleArchive.TABLE))
                    .isInstanceOf(ArchiveFormatException.class)
                    .hasMessage("TABLE s.t has no data in this archive");
        }
    }

    @Test
    void shouldReadVersion115WhoseHeaderHoldsTheAlgorithmInOneByte() throws IOException {
        byte[] v114 = writeToStream(Compression.GZIP_DEFAULT, SampleArchive.FULL);
        // pg_dump 16 (1.15): the same table of contents, the int level (sign byte + 4) replaced by the algorithm byte
        ByteArrayOutputStream v115 = new ByteArrayOutputStream();
        v115.write(v114, 0, 11);
        v115.write(CustomFormat.COMPRESSION_GZIP);
        v115.write(v114, 16, v114.length - 16);
        byte[] archive = v115.toByteArray();
        archive[6] = 15;

        try (CustomArchiveReader reader = CustomArchiveReader.open(new ByteArrayInputStream(archive))) {
            assertThat(reader.header().versionString()).isEqualTo("1.15-0");
            assertThat(reader.header().compression()).isEqualTo(Compression.GZIP_DEFAULT);
            assertThat(reader.entries()).hasSameSizeAs(SampleArchive.FULL);
            assertThat(readAll(reader, SampleArchive.T_DATA)).isEqualTo(SampleArchive.T_ROWS);
            assertThat(readAll(reader, SampleArchive.BIG_DATA)).isEqualTo(SampleArchive.bigRows());
        }
    }

    static byte[] writeToStream(Compression compression, List<ArchiveEntry> entries) throws IOException {
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        new CustomArchiveWriter(archive).write(SampleArchive.header(compression), entries, SampleArchive.DATA);
        return archive.toByteArray();
    }

    static String readAll(ArchiveReader reader, ArchiveEntry entry) throws IOException {
        try (InputStream rows = reader.openData(entry)) {
            return new String(rows.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertHeaderAndEntries(CustomArchiveReader reader, Compression compression) {
        ArchiveHeader written = SampleArchive.header(compression);
        if (written.formatVersion() >= CustomFormat.V1_16) {
            // 1.15+ record the algorithm, not the level; 1.16 has the relkind
            assertThat(reader.header()).isEqualTo(new ArchiveHeader(written.formatVersion(),
                    new Compression(compression.algorithm(), -1), written.database(), written.serverVersion(),
                    written.dumperVersion(), written.createdAt()));
            assertThat(reader.entries()).containsExactlyElementsOf(SampleArchive.FULL);
            return;
        }
        assertThat(reader.header()).isEqualTo(written);
        // 1.14 has no relkind: it reads back as 0
        assertThat(reader.entries()).containsExactlyElementsOf(SampleArchive.FULL.stream().map(e -> new ArchiveEntry(
                e.dumpId(), e.desc(), e.section(), e.namespace(), e.tag(), e.owner(), e.tablespace(), e.tableAm(), e.defn(),
                e.dropStmt(), e.copyStmt(), e.hasData(), e.tableOid(), e.oid(), e.dependencies(), '\0')).toList());
    }
}
