package io.tusk.archive.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tusk.archive.ArchiveEntry;
import io.tusk.archive.toc.ArchiveOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelBlockWriterTest {
    @TempDir
    Path spill;

    private static List<ArchiveEntry> entries(int n) {
        List<ArchiveEntry> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(new ArchiveEntry(i, "TABLE DATA", io.tusk.archive.Section.DATA, "public", "t" + i, "postgres", "", "", "",
                    "", "COPY public.t" + i + " (a) FROM stdin;\n", true, "0", "0", List.of(), 'r'));
        }
        return out;
    }

    /** Entry i writes i * 300 KiB of its own letter, so later entries spill to files while earlier ones go out. */
    private static void block(ArchiveOutput out, ArchiveEntry e) throws IOException {
        byte[] chunk = new byte[1024];
        java.util.Arrays.fill(chunk, (byte) ('a' + e.dumpId()));
        for (int k = 0; k < e.dumpId() * 300; k++) {
            out.writeBytes(chunk, 0, chunk.length);
        }
    }

    @Test
    void blocksComeOutWholeInTheGivenOrderAtTheOffsetsReported() throws Exception {
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        ArchiveOutput out = new ArchiveOutput(archive, 100);
        List<ArchiveEntry> entries = entries(6);
        Map<Integer, Long> offsets = new ParallelBlockWriter(3, spill).write(out, entries, ParallelBlockWriterTest::block);
        byte[] bytes = archive.toByteArray();
        long expected = 100;
        for (ArchiveEntry e : entries) {
            assertThat(offsets.get(e.dumpId())).isEqualTo(expected);
            int length = e.dumpId() * 300 * 1024;
            for (int k = 0; k < length; k += 4096) {
                assertThat(bytes[(int) (expected - 100) + k]).isEqualTo((byte) ('a' + e.dumpId()));
            }
            expected += length;
        }
        assertThat(out.position()).isEqualTo(expected);
        try (var files = Files.list(spill)) {
            assertThat(files).as("spool files are removed once copied").isEmpty();
        }
    }

    @Test
    void aFailingBlockStopsTheOthersAndLeavesNoSpoolFile() throws Exception {
        CountDownLatch laterBlocksSpilled = new CountDownLatch(1);
        AtomicBoolean lastOneStopped = new AtomicBoolean();
        ParallelBlockWriter.Block block = (out, e) -> {
            if (e.dumpId() == 1) {
                // the head waits until a block behind it has spilled, then fails
                try {
                    laterBlocksSpilled.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("could not dump the data of table t1: connection lost");
            }
            byte[] chunk = "row\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);
            try {
                for (int k = 0; ; k++) {
                    out.writeBytes(chunk, 0, chunk.length);
                    if (k == 400) {
                        laterBlocksSpilled.countDown();
                    }
                }
            } catch (IOException stopped) {
                lastOneStopped.set(true);
                throw stopped;
            }
        };
        ArchiveOutput out = new ArchiveOutput(new ByteArrayOutputStream(), 0);
        assertThatThrownBy(() -> new ParallelBlockWriter(2, spill).write(out, entries(3), block))
                .isInstanceOf(IOException.class).hasMessageContaining("connection lost");
        assertThat(lastOneStopped).as("the block still being written was stopped").isTrue();
        try (var files = Files.list(spill)) {
            assertThat(files).isEmpty();
        }
    }
}
