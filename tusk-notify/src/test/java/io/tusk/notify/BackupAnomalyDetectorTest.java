package io.tusk.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackupAnomalyDetectorTest {
    private static final long MIB = 1024 * 1024;
    private final BackupAnomalyDetector detector = new BackupAnomalyDetector();

    private static List<BackupRun> minutes(long... durations) {
        List<BackupRun> runs = new ArrayList<>();
        for (long duration : durations) {
            runs.add(new BackupRun(Duration.ofMinutes(duration), 1000 * MIB));
        }
        return runs;
    }

    private static BackupRun run(Duration duration, long size) {
        return new BackupRun(duration, size);
    }

    @Test
    void shouldFlagARunTakingMoreThanTwiceTheMedianOfSteadyRuns() {
        // median 10 min, MAD 0.5 min: the limit is 2 x 10 = 20 min
        List<BackupRun> earlier = minutes(10, 11, 9, 10, 12, 10);

        Optional<BackupAnomalyDetector.Anomaly> slow = detector.check(earlier, run(Duration.ofMinutes(21), 1000 * MIB));
        assertThat(slow).isPresent();
        assertThat(slow.get().slow()).isTrue();
        assertThat(slow.get().small()).isFalse();
        assertThat(slow.get().summary()).isEqualTo("Backup took 21.0 min, 2.1x the usual 10.0 min");
        assertThat(slow.get().details()).containsEntry("Duration", "21.0 min")
                .containsEntry("Usual duration", "10.0 min (median of the last 6 successful runs)");
        assertThat(detector.check(earlier, run(Duration.ofMinutes(19), 1000 * MIB))).isEmpty();
    }

    @Test
    void shouldAllowForTheUsualSpreadOfNoisyRuns() {
        // median 20 min, MAD 9 min: the limit is 20 + 3 x 9 = 47 min, not 2 x 20 = 40
        List<BackupRun> earlier = minutes(10, 30, 12, 28, 11, 29);

        assertThat(detector.check(earlier, run(Duration.ofMinutes(45), 1000 * MIB))).isEmpty();
        assertThat(detector.check(earlier, run(Duration.ofMinutes(48), 1000 * MIB))).isPresent();
    }

    @Test
    void shouldNotLetOneStuckRunRaiseTheBaseline() {
        // a mean would be 28 min after the 120-minute run; the median stays 10
        List<BackupRun> earlier = minutes(10, 10, 10, 10, 10, 120);

        assertThat(detector.check(earlier, run(Duration.ofMinutes(25), 1000 * MIB))).isPresent();
    }

    @Test
    void shouldNotFlagShortBackupsForSecondsOfNoise() {
        List<BackupRun> earlier = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            earlier.add(run(Duration.ofSeconds(4), 10 * MIB));
        }

        // 9 s is over 2 x 4 s, but under the median plus one minute
        assertThat(detector.check(earlier, run(Duration.ofSeconds(9), 10 * MIB))).isEmpty();
        assertThat(detector.check(earlier, run(Duration.ofSeconds(65), 10 * MIB))).isPresent();
    }

    @Test
    void shouldFlagABackupLessThanHalfTheMedianSize() {
        List<BackupRun> earlier = minutes(10, 10, 10, 10, 10);

        Optional<BackupAnomalyDetector.Anomaly> small = detector.check(earlier, run(Duration.ofMinutes(10), 499 * MIB));
        assertThat(small).isPresent();
        assertThat(small.get().small()).isTrue();
        assertThat(small.get().slow()).isFalse();
        assertThat(small.get().summary()).isEqualTo("Backup came out 499.0 MiB, 50% of the usual 1000.0 MiB");
        assertThat(detector.check(earlier, run(Duration.ofMinutes(10), 500 * MIB))).isEmpty();
        // larger is never an anomaly: data grows
        assertThat(detector.check(earlier, run(Duration.ofMinutes(10), 5000 * MIB))).isEmpty();
    }

    @Test
    void shouldSayBothWhenARunIsSlowAndSmall() {
        Optional<BackupAnomalyDetector.Anomaly> both = detector.check(minutes(10, 10, 10, 10, 10),
                run(Duration.ofMinutes(30), 100 * MIB));

        assertThat(both).get().extracting(BackupAnomalyDetector.Anomaly::summary)
                .isEqualTo("Backup took 30.0 min, 3.0x the usual 10.0 min; came out 100.0 MiB, 10% of the usual"
                        + " 1000.0 MiB");
        NotificationEvent event = both.get().toEvent("shop", TestEvents.TIME, TestEvents.LINK);
        assertThat(event.type()).isEqualTo(EventType.BACKUP_ANOMALY);
        assertThat(event.details()).containsKeys("Duration", "Usual duration", "Size", "Usual size");
    }

    @Test
    void shouldSayNothingWithFewerThanFiveEarlierRuns() {
        assertThat(detector.check(minutes(10, 10, 10, 10), run(Duration.ofHours(10), 1))).isEmpty();
    }

    @Test
    void shouldCompareWithTheLastTwentyRunsOnly() {
        List<BackupRun> earlier = new ArrayList<>(minutes(100, 100, 100, 100, 100));
        for (int i = 0; i < 20; i++) {
            earlier.add(run(Duration.ofMinutes(10), 1000 * MIB));
        }

        assertThat(detector.check(earlier, run(Duration.ofMinutes(25), 1000 * MIB))).isPresent();
    }
}
