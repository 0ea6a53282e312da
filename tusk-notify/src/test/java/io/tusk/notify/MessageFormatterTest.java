package io.tusk.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageFormatterTest {
    @Test
    void shouldSayWhatHappenedToWhichDatabaseWhenAndTheErrorInPlainText() {
        Message message = new MessageFormatter().format(TestEvents.backupFailed());

        assertThat(message.title()).isEqualTo("Backup failed: shop");
        assertThat(message.text()).isEqualTo("""
                Backup failed: shop

                Database: shop
                When: 2026-12-01 07:59:36 UTC
                Error: connection to db1.internal:5432 refused <check pg_hba.conf> & retry
                Storage: s3://backups/shop
                Duration: 12 s

                Open the run in Tusk: https://tusk.example.com/runs/42
                """);
    }

    @Test
    void shouldEscapeEveryValueInTheHtmlPart() {
        NotificationEvent event = new NotificationEvent(EventType.STORAGE_FAILING, null, TestEvents.TIME,
                "bucket <script>alert(1)</script> is 97% full", Map.of("Storage \"main\"", "s3://b?x=1&y=2"),
                java.net.URI.create("https://tusk.example.com/storages?id=1&tab='x'"));

        String html = new MessageFormatter().format(event).html();

        assertThat(html).contains("<h2>Storage problem</h2>",
                "<th align=\"left\">Summary</th><td>bucket &lt;script&gt;alert(1)&lt;/script&gt; is 97% full</td>",
                "<th align=\"left\">Storage &quot;main&quot;</th><td>s3://b?x=1&amp;y=2</td>",
                "<a href=\"https://tusk.example.com/storages?id=1&amp;tab=&#39;x&#39;\">")
                .doesNotContain("<script>");
    }

    @Test
    void shouldFoldAMultiLineErrorIntoOneLine() {
        NotificationEvent event = new NotificationEvent(EventType.TEST_RESTORE_FAILED, "shop", TestEvents.TIME,
                "ERROR: relation \"x\" does not exist\n  Position: 15\r\n");

        assertThat(event.summary()).isEqualTo("ERROR: relation \"x\" does not exist Position: 15");
        assertThat(new MessageFormatter().format(event).facts())
                .contains(new Message.Fact("Error", "ERROR: relation \"x\" does not exist Position: 15"));
    }

    @Test
    void shouldShowTimesInTheServersZone() {
        Message message = new MessageFormatter(ZoneId.of("Europe/Berlin")).format(TestEvents.backupFailed());

        assertThat(message.facts()).contains(new Message.Fact("When", "2026-12-01 08:59:36 CET"));
    }

    @Test
    void shouldEnableEveryEventByDefaultExceptSuccessAndTheTest() {
        assertThat(EventType.values()).filteredOn(type -> !type.defaultEnabled())
                .containsExactlyInAnyOrder(EventType.BACKUP_SUCCEEDED, EventType.TEST);
        assertThat(NotificationChannel.withDefaultEvents("x", new NoopNotifier()).events())
                .doesNotContain(EventType.BACKUP_SUCCEEDED).contains(EventType.BACKUP_FAILED, EventType.BACKUP_MISSED);
    }

    private static final class NoopNotifier implements Notifier {
        @Override
        public String name() {
            return "noop";
        }

        @Override
        public String destination() {
            return "nowhere";
        }

        @Override
        public void send(Message message) {
        }
    }
}
