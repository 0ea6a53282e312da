package io.tusk.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class NotificationEventsTest {
    @Test
    void shouldSummariseARetentionRun() {
        NotificationEvent event = NotificationEvents.retentionDeleted("shop", TestEvents.TIME, 3, 3L << 30, 14,
                TestEvents.LINK);

        assertThat(event.type()).isEqualTo(EventType.RETENTION_DELETED);
        assertThat(event.summary()).isEqualTo("Retention deleted 3 backups, freeing 3.0 GiB; 14 kept");
        assertThat(event.details()).containsExactly(java.util.Map.entry("Deleted", "3"),
                java.util.Map.entry("Freed", "3.0 GiB"), java.util.Map.entry("Kept", "14"));
    }

    @Test
    void shouldSayHowFullANearlyFullStorageIs() {
        NotificationEvent event = NotificationEvents.storageNearlyFull("sftp://backup@nas/tusk", TestEvents.TIME,
                95L << 30, 100L << 30, null);

        assertThat(event.type()).isEqualTo(EventType.STORAGE_FAILING);
        assertThat(event.database()).isNull();
        assertThat(event.summary()).isEqualTo("Storage is 95% full, 5.0 GiB free");
        assertThat(event.details()).containsEntry("Used", "95.0 GiB of 100.0 GiB");
        assertThat(new MessageFormatter().format(event).title()).isEqualTo("Storage problem");
    }

    @Test
    void shouldGiveASuccessItsDurationSizeAndStorage() {
        NotificationEvent event = NotificationEvents.backupSucceeded("shop", TestEvents.TIME, Duration.ofSeconds(754),
                52_428_800, "s3://backups/shop", TestEvents.LINK);

        assertThat(event.details()).containsEntry("Duration", "12.6 min").containsEntry("Size", "50.0 MiB")
                .containsEntry("Storage", "s3://backups/shop");
        assertThat(event.type().defaultEnabled()).isFalse();
    }
}
