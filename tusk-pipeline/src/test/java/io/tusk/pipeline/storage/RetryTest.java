package io.tusk.pipeline.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.SocketException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {
    private final List<Duration> waits = new ArrayList<>();
    private final Retry retry = new Retry(3, Duration.ofMillis(200), waits::add);

    @Test
    void shouldRetryATransientFailureWithDoublingWaits() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        String result = retry.call(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new TransientStorageException("503 Service Unavailable");
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(calls).hasValue(3);
        assertThat(waits).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void shouldGiveUpAfterThreeRetriesWithTheLastFailure() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retry.call(() -> {
            throw new SocketException("Connection reset " + calls.incrementAndGet());
        })).isInstanceOf(SocketException.class).hasMessage("Connection reset 4")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage).containsExactly("Connection reset 1"));
        assertThat(calls).hasValue(4);
        assertThat(waits).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800));
    }

    @Test
    void shouldWaitAsLongAsTheServerAsksUpToAMinute() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        retry.call(() -> {
            switch (calls.incrementAndGet()) {
                case 1 -> throw new TransientStorageException("429 Too Many Requests", Duration.ofSeconds(5));
                case 2 -> throw new TransientStorageException("429 Too Many Requests", Duration.ofHours(1));
                default -> {
                    return "ok";
                }
            }
        });
        assertThat(waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    @Test
    void shouldNotRetryAPermanentFailure() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retry.run(() -> {
            calls.incrementAndGet();
            throw new NoSuchFileException("db/x.dump");
        })).isInstanceOf(NoSuchFileException.class);
        assertThat(calls).hasValue(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void shouldStopWaitingWhenInterrupted() {
        Retry interrupted = new Retry(3, Duration.ofMillis(200), delay -> {
            throw new InterruptedException();
        });
        assertThatThrownBy(() -> interrupted.call(() -> {
            throw new TransientStorageException("429 Too Many Requests");
        })).isInstanceOf(java.io.InterruptedIOException.class).hasMessageContaining("interrupted while waiting to retry");
        assertThat(Thread.interrupted()).isTrue();
    }
}
