package io.tusk.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.server.backup.BackupRecord;
import io.tusk.server.retention.RetentionPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebFormatTest {
    private final WebFormat fmt = new WebFormat();

    @Test
    void sizesUseBinaryUnitsWithOneDecimal() {
        assertThat(fmt.bytes(512)).isEqualTo("512 B");
        assertThat(fmt.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(fmt.bytes(3L * 1024 * 1024 * 1024)).isEqualTo("3.0 GiB");
    }

    @Test
    void retentionIsSaidInWordsAndAllNullKeepsEverything() {
        assertThat(fmt.retention(RetentionPolicy.KEEP_ALL)).isEqualTo("keeps every backup");
        assertThat(fmt.retention(new RetentionPolicy(10, 30, null, 7, 4, null, null)))
                .isEqualTo("keeps the last 10, 30 days, daily 7, weekly 4");
    }

    @Test
    void durationsAndEtasReadAsMinutesAndSeconds() {
        assertThat(fmt.duration(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:02:05Z"))).isEqualTo("2 min 5 s");
        assertThat(fmt.seconds(null)).isEqualTo("unknown");
        assertThat(fmt.seconds(7300L)).isEqualTo("2 h 1 min");
    }

    @Test
    void historyChartScalesTheLargestBackupToTheFullHeightOldestFirst() {
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        HistoryChart chart = HistoryChart.of(List.of(backup(t.plusSeconds(7200), 2000, 20), backup(t, 1000, 10)), fmt);
        assertThat(chart.bars()).hasSize(2);
        assertThat(chart.bars().get(0).height()).isLessThan(chart.bars().get(1).height());
        assertThat(chart.bars().get(1).height()).isEqualTo(HistoryChart.HEIGHT - 2.0);
        assertThat(chart.durationLine().split(" ")).hasSize(2);
        assertThat(HistoryChart.of(List.of(), fmt).empty()).isTrue();
    }

    private static BackupRecord backup(Instant finished, long bytes, long seconds) {
        return new BackupRecord("b" + finished.getEpochSecond(), 1, 1, null, "k", "m", finished.minusSeconds(seconds), finished,
                bytes, bytes, false, "", "18.1", Map.of(), null, null, "shop");
    }
}
