package io.tusk.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The rows of a split load are cut only at row ends, and nothing is lost or reordered within the stream. */
class SplitCopyRunCutterTest {
    @Test
    void runsHoldWholeRowsAndTogetherAreTheInput() throws Exception {
        Random random = new Random(42);
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        for (int i = 0; i < 40_000; i++) {
            int length = i == 20_000 ? 5 * SplitCopy.RUN_BYTES : random.nextInt(300);
            input.write(("row " + i + "\t").getBytes(StandardCharsets.US_ASCII));
            for (int k = 0; k < length; k++) {
                input.write('a' + random.nextInt(26));
            }
            // an escaped newline inside a value is two characters, never a row end
            input.write("\\n".getBytes(StandardCharsets.US_ASCII));
            input.write('\n');
        }
        byte[] all = input.toByteArray();
        BlockingQueue<SplitCopy.Run> runs = new ArrayBlockingQueue<>(10_000);
        List<byte[]> collected = new ArrayList<>();
        SplitCopy.RunCutter cutter = new SplitCopy.RunCutter(runs, new AtomicBoolean());
        // written in odd-sized pieces, as a decompressor hands them over
        for (int off = 0; off < all.length; ) {
            int n = Math.min(all.length - off, 1 + random.nextInt(100_000));
            cutter.write(all, off, n);
            off += n;
            drain(runs, collected);
        }
        cutter.close();
        drain(runs, collected);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] run : collected) {
            assertThat(run[run.length - 1]).as("every run ends at a row end").isEqualTo((byte) '\n');
            joined.write(run);
        }
        assertThat(collected.size()).as("cut into several runs, the long row in a longer one").isGreaterThan(2);
        assertThat(joined.toByteArray()).isEqualTo(all);
    }

    private static void drain(BlockingQueue<SplitCopy.Run> runs, List<byte[]> collected) {
        SplitCopy.Run run;
        while ((run = runs.poll()) != null) {
            collected.add(java.util.Arrays.copyOf(run.bytes(), run.length()));
        }
    }
}
