package io.tusk.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PipelinedOutputStreamTest {
    /** Remembers which threads wrote into it. */
    private static final class RecordingSink extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final Set<Thread> writers = new HashSet<>();

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writers.add(Thread.currentThread());
            bytes.write(b, off, len);
        }
    }

    private static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    @Test
    void aStreamSmallerThanOneBufferIsWrittenByTheCallerAtClose() throws IOException {
        RecordingSink sink = new RecordingSink();
        byte[] rows = random(10_000);
        PipelinedOutputStream pipeline = new PipelinedOutputStream(sink);
        pipeline.write(rows, 0, 4000);
        pipeline.write(rows, 4000, rows.length - 4000);
        assertThat(sink.bytes.size()).isZero();
        pipeline.close();

        assertThat(sink.bytes.toByteArray()).isEqualTo(rows);
        assertThat(sink.writers).containsExactly(Thread.currentThread());
    }

    @Test
    void aLargerStreamArrivesWholeAndInOrderFromTheWriterThread() throws IOException {
        RecordingSink sink = new RecordingSink();
        byte[] rows = random(PipelinedOutputStream.BUFFER_SIZE * PipelinedOutputStream.BUFFERS * 2 + 12_345);
        PipelinedOutputStream pipeline = new PipelinedOutputStream(sink);
        for (int off = 0; off < rows.length; off += 7777) {
            pipeline.write(rows, off, Math.min(7777, rows.length - off));
        }
        pipeline.close();

        assertThat(sink.bytes.toByteArray()).isEqualTo(rows);
        assertThat(sink.writers).hasSize(1).doesNotContain(Thread.currentThread());
    }

    @Test
    void aFailingSinkFailsTheStreamWhetherOrNotTheWriterStarted() {
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        assertThatThrownBy(() -> {
            PipelinedOutputStream small = new PipelinedOutputStream(failing);
            small.write(random(100));
            small.close();
        }).isInstanceOf(IOException.class).hasMessageContaining("No space left");
        assertThatThrownBy(() -> {
            PipelinedOutputStream large = new PipelinedOutputStream(failing);
            byte[] chunk = random(PipelinedOutputStream.BUFFER_SIZE);
            for (int i = 0; i < 2 * PipelinedOutputStream.BUFFERS + 2; i++) {
                large.write(chunk);
            }
            large.close();
        }).isInstanceOf(IOException.class).hasMessageContaining("No space left");
    }
}
