package io.tusk.archive.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tusk.archive.Compression;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodecTest {
    /** Rows that compress, past several 64 KiB LZ4 blocks and zstd windows of small levels. */
    static final byte[] ROWS = rows(40_000);

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip:1", "gzip:9", "gzip", "lz4", "lz4:9", "zstd", "zstd:19", "zstd:level=5,long"})
    void shouldReadBackBlocksAndFiles(String spec) throws IOException {
        Codec codec = Codec.of(Compression.parse(spec));

        byte[] block = compress(codec, true, ROWS);
        byte[] file = compress(codec, false, ROWS);

        assertThat(decompress(codec, true, block)).isEqualTo(ROWS);
        assertThat(decompress(codec, false, file)).isEqualTo(ROWS);
        if (!codec.compression().isNone()) {
            assertThat(block.length).isLessThan(ROWS.length / 2);
        }
    }

    @Test
    void shouldWriteTheStreamsPgDumpWrites() throws IOException {
        // gzip: a zlib stream (78 xx) in blocks, a gzip file (1f 8b) in files
        Codec gzip = Codec.of(Compression.parse("gzip"));
        assertThat(compress(gzip, true, ROWS)[0]).isEqualTo((byte) 0x78);
        byte[] gz = compress(gzip, false, ROWS);
        assertThat(new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes()).isEqualTo(ROWS);
        // lz4: an LZ4 frame (magic 04 22 4d 18), zstd: a zstd frame (28 b5 2f fd), in both shapes
        for (boolean block : new boolean[] {true, false}) {
            assertThat(Arrays.copyOf(compress(Codec.of(Compression.parse("lz4")), block, ROWS), 4))
                    .containsExactly(0x04, 0x22, 0x4d, 0x18);
            assertThat(Arrays.copyOf(compress(Codec.of(Compression.parse("zstd")), block, ROWS), 4))
                    .containsExactly(0x28, 0xb5, 0x2f, 0xfd);
        }
        assertThat(Codec.of(Compression.parse("gzip")).fileSuffix()).isEqualTo(".gz");
        assertThat(Codec.of(Compression.parse("lz4")).fileSuffix()).isEqualTo(".lz4");
        assertThat(Codec.of(Compression.parse("zstd")).fileSuffix()).isEqualTo(".zst");
        assertThat(Codec.of(Compression.NONE).fileSuffix()).isEmpty();
    }

    @Test
    void shouldReadLz4FramesWithLinkedBlocksAsLiblz4WritesThemForPgDump() throws IOException {
        // liblz4's default preferences, which pg_dump keeps: blocks depend on the ones before, no checksum. Two
        // 64 KiB blocks and a bit: Commons Compress writes linked blocks very slowly.
        byte[] rows = rows(5_000);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        try (OutputStream linked = new FramedLZ4CompressorOutputStream(frame, new FramedLZ4CompressorOutputStream.Parameters(
                FramedLZ4CompressorOutputStream.BlockSize.K64, /* withContentChecksum= */ false,
                /* withBlockChecksum= */ false, /* withBlockDependency= */ true))) {
            linked.write(rows);
        }
        assertThat(frame.toByteArray()[4] & 0x20).as("FLG block independence bit").isZero();

        assertThat(decompress(Codec.of(Compression.parse("lz4")), true, frame.toByteArray())).isEqualTo(rows);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "lz4", "zstd"})
    void shouldRefuseEveryTruncationOfABlock(String spec) throws IOException {
        Codec codec = Codec.of(Compression.parse(spec));
        byte[] block = compress(codec, true, "1\tone\n2\ttwo\n".repeat(50).getBytes(StandardCharsets.UTF_8));

        for (int length = 0; length < block.length; length++) {
            byte[] truncated = Arrays.copyOf(block, length);
            assertThatThrownBy(() -> decompress(codec, true, truncated))
                    .as("%s block truncated to %d of %d bytes", spec, length, block.length)
                    .isInstanceOf(CompressedDataException.class)
                    .hasMessageStartingWith("corrupt compressed data");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "lz4", "zstd"})
    void shouldRefuseEveryChangedByteOfABlock(String spec) throws IOException {
        Codec codec = Codec.of(Compression.parse(spec));
        byte[] block = compress(codec, true, "1\tone\n2\ttwo\n".repeat(50).getBytes(StandardCharsets.UTF_8));

        for (int i = 0; i < block.length; i++) {
            byte[] tampered = block.clone();
            tampered[i] ^= (byte) 0xff;
            assertThatThrownBy(() -> decompress(codec, true, tampered))
                    .as("%s block, byte %d of %d changed", spec, i, block.length)
                    .isInstanceOf(CompressedDataException.class)
                    .hasMessageStartingWith("corrupt compressed data");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "lz4", "zstd"})
    void shouldRefuseBytesAfterTheEndOfABlock(String spec) throws IOException {
        Codec codec = Codec.of(Compression.parse(spec));
        byte[] block = compress(codec, true, ROWS);
        byte[] longer = Arrays.copyOf(block, block.length + 3);

        assertThatThrownBy(() -> decompress(codec, true, longer))
                .isInstanceOf(CompressedDataException.class)
                .hasMessageStartingWith("corrupt compressed data");
    }

    @Test
    void shouldLetTheSourcesOwnFailurePassUnchanged() {
        IOException diskError = new IOException("disk on fire");
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw diskError;
            }
        };
        assertThatThrownBy(() -> Codec.of(Compression.parse("zstd")).decompressingBlock(failing).read()).isSameAs(diskError);
        assertThatThrownBy(() -> Codec.of(Compression.parse("lz4")).decompressingBlock(failing).read()).isSameAs(diskError);
        assertThatThrownBy(() -> Codec.of(Compression.parse("gzip")).decompressingBlock(failing).read()).isSameAs(diskError);
    }

    @Test
    void shouldParseLevelsAndLongAsPgDumpDoes() {
        assertThat(Compression.parse("zstd:long")).isEqualTo(new Compression(Compression.Algorithm.ZSTD, -1, true));
        assertThat(Compression.parse("zstd:level=19,long")).isEqualTo(new Compression(Compression.Algorithm.ZSTD, 19, true));
        assertThat(Compression.parse("lz4:5")).isEqualTo(new Compression(Compression.Algorithm.LZ4, 5));
        assertThatThrownBy(() -> Compression.parse("gzip:long")).hasMessageContaining("long-distance");
        assertThatThrownBy(() -> Compression.parse("lz4:13")).hasMessageContaining("1..12");
        assertThatThrownBy(() -> Compression.parse("zstd:workers=4")).hasMessageContaining("unknown option \"workers\"");
    }

    static byte[] compress(Codec codec, boolean block, byte[] data) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream sink = block ? codec.compressingBlock(compressed) : codec.compressingFile(compressed)) {
            // in pieces, as COPY rows arrive
            for (int off = 0; off < data.length; off += 7_777) {
                sink.write(data, off, Math.min(7_777, data.length - off));
            }
        }
        return compressed.toByteArray();
    }

    static byte[] decompress(Codec codec, boolean block, byte[] data) throws IOException {
        InputStream source = new ByteArrayInputStream(data);
        try (InputStream rows = block ? codec.decompressingBlock(source) : codec.decompressingFile(source)) {
            return rows.readAllBytes();
        }
    }

    private static byte[] rows(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            s.append(i).append("\trow ").append(i * 7919L % 100_003).append(" \\\\ é\n");
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }
}
