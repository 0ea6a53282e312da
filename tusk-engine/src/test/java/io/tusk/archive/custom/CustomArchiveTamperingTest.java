package io.tusk.archive.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.tusk.archive.ArchiveEntry;
import io.tusk.archive.ArchiveFormatException;
import io.tusk.archive.Compression;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every truncation and every changed compressed byte must fail with a clear ArchiveFormatException. */
class CustomArchiveTamperingTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"NONE", "GZIP", "LZ4", "ZSTD"})
    void shouldRefuseTheArchiveTruncatedAtEveryLength(Compression.Algorithm algorithm) throws IOException {
        Compression compression = algorithm == Compression.Algorithm.NONE ? Compression.NONE : new Compression(algorithm, -1);
        byte[] whole = CustomArchiveRoundTripTest.writeToStream(compression, SampleArchive.SMALL);
        Path file = dir.resolve("truncated.dump");

        for (int length = 0; length < whole.length; length++) {
            byte[] truncated = Arrays.copyOf(whole, length);
            Files.write(file, truncated);
            assertThatThrownBy(() -> readEverything(CustomArchiveReader.open(file)))
                    .as("file truncated to %d of %d bytes", length, whole.length)
                    .isInstanceOf(ArchiveFormatException.class)
                    .hasMessageMatching("(?s).*(truncated|not a pg_dump custom archive|no data block|corrupt).*");
            assertThatThrownBy(() -> readEverything(CustomArchiveReader.open(new ByteArrayInputStream(truncated))))
                    .as("stream truncated to %d of %d bytes", length, whole.length)
                    .isInstanceOf(ArchiveFormatException.class);
        }
    }

    @Test
    void shouldNameTheEntryWhoseDataIsTruncatedOrMissing() throws IOException {
        byte[] whole = CustomArchiveRoundTripTest.writeToStream(Compression.GZIP_DEFAULT, SampleArchive.SMALL);
        int block = dataBlockStart(whole);

        assertThatThrownBy(() -> readEverything(CustomArchiveReader.open(new ByteArrayInputStream(Arrays.copyOf(whole, block + 20)))))
                .isInstanceOf(ArchiveFormatException.class)
                .hasMessageStartingWith("TABLE DATA s.t: custom archive is truncated: it ends at offset " + (block + 20));
        assertThatThrownBy(() -> readEverything(CustomArchiveReader.open(new ByteArrayInputStream(Arrays.copyOf(whole, block)))))
                .isInstanceOf(ArchiveFormatException.class)
                .hasMessage("TABLE DATA s.t: no data block for dump id 3290 in the archive (it ends at offset " + block
                        + "); the archive is truncated or incomplete");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "lz4", "zstd"})
    void shouldRefuseEveryChangedByteOfACompressedBlock(String codec) throws IOException {
        byte[] whole = CustomArchiveRoundTripTest.writeToStream(Compression.parse(codec), SampleArchive.SMALL);
        // block type, dump id, then one chunk: its length, the zlib stream or frame, then the zero length
        int payload = dataBlockStart(whole) + 1 + 5 + 5;
        int payloadEnd = whole.length - 5;
        assertThat(whole[payload] & 0xff).as("zlib header, LZ4 or zstd magic")
                .isEqualTo(switch (codec) { case "gzip" -> 0x78; case "lz4" -> 0x04; default -> 0x28; });

        for (int i = payload; i < payloadEnd; i++) {
            byte[] tampered = whole.clone();
            tampered[i] ^= (byte) 0xff;
            assertThatThrownBy(() -> readEverything(CustomArchiveReader.open(new ByteArrayInputStream(tampered))))
                    .as("%s: byte %d of %d changed", codec, i, whole.length)
                    .isInstanceOf(ArchiveFormatException.class)
                    .hasMessageStartingWith("TABLE DATA s.t: corrupt compressed data");
        }
    }

    @Test
    void shouldRefuseAFileThatIsNotACustomArchive() throws IOException {
        Path sql = dir.resolve("plain.sql");
        Files.writeString(sql, "--\n-- PostgreSQL database dump\n--\n");

        assertThatThrownBy(() -> CustomArchiveReader.open(sql))
                .isInstanceOf(ArchiveFormatException.class)
                .hasMessage("not a pg_dump custom archive: it does not start with \"PGDMP\"");
        assertThatThrownBy(() -> CustomArchiveReader.open(new ByteArrayInputStream(new byte[0])))
                .hasMessage("not a pg_dump custom archive: it does not start with \"PGDMP\" (it is empty)");
    }

    @Test
    void shouldRefuseADirectoryArchiveTableOfContents() throws IOException {
        byte[] archive = CustomArchiveRoundTripTest.writeToStream(Compression.NONE, SampleArchive.SMALL);
        archive[10] = 5;

        assertThatThrownBy(() -> CustomArchiveReader.open(new ByteArrayInputStream(archive)))
                .isInstanceOf(ArchiveFormatException.class)
                .hasMessageStartingWith("not a pg_dump custom archive: its format byte is 5, expected 1");
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 99})
    void shouldRefuseAVersionNewerThan116(int minor) throws IOException {
        byte[] archive = CustomArchiveRoundTripTest.writeToStream(Compression.NONE, SampleArchive.SMALL);
        archive[6] = (byte) minor;

        assertThatThrownBy(() -> CustomArchiveReader.open(new ByteArrayInputStream(archive)))
                .isInstanceOf(ArchiveFormatException.class)
                .hasMessageStartingWith("archive version 1." + minor + " is newer than this Tusk supports (1.16");
    }

    @Test
    void shouldRefuseAVersionOlderThan112() throws IOException {
        byte[] archive = CustomArchiveRoundTripTest.writeToStream(Compression.NONE, SampleArchive.SMALL);
        archive[6] = 11;

        assertThatThrownBy(() -> CustomArchiveReader.open(new ByteArrayInputStream(archive)))
                .hasMessageStartingWith("archive version 1.11 is older than this Tusk reads (1.12");
    }

    @Test
    void shouldRefuseAnOffsetThatPointsToAnotherBlock() throws IOException {
        Path file = dir.resolve("offsets.dump");
        new CustomArchiveWriter(file).write(SampleArchive.header(Compression.NONE), SampleArchive.FULL, SampleArchive.DATA);
        byte[] archive = Files.readAllBytes(file);
        // change the dump id in s.t's block header (the first data block) from 3290 to 3289
        int block = indexOf(archive, new byte[] {1, 0, (byte) 0xda, 0x0c, 0, 0});
        archive[block + 2] = (byte) 0xd9;
        Files.write(file, archive);

        try (CustomArchiveReader reader = CustomArchiveReader.open(file)) {
            assertThatThrownBy(() -> reader.openData(SampleArchive.T_DATA))
                    .isInstanceOf(ArchiveFormatException.class)
                    .hasMessage("TABLE DATA s.t: the table of contents points to offset " + block
                            + ", but the block there is of type 1 for dump id 3289 (expected type 1 for dump id 3290);"
                            + " the archive is corrupt");
        }
    }

    private static void readEverything(CustomArchiveReader reader) throws IOException {
        try (reader) {
            for (ArchiveEntry e : reader.entries()) {
                if (e.hasData()) {
                    String rows = CustomArchiveRoundTripTest.readAll(reader, e);
                    if (e.dumpId() == SampleArchive.T_DATA.dumpId() && !rows.equals(SampleArchive.T_ROWS)) {
                        fail("read wrong rows without an error: " + rows);
                    }
                }
            }
        }
    }

    /** The block of s.t (dump id 3290): type 1, then the int 3290. */
    private static int dataBlockStart(byte[] archive) {
        return indexOf(archive, new byte[] {1, 0, (byte) 0xda, 0x0c, 0, 0});
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = haystack.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found: " + new String(needle, StandardCharsets.ISO_8859_1));
    }
}
