package io.tusk.notify.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.notify.EventType;
import io.tusk.notify.MessageFormatter;
import io.tusk.notify.NotificationEvent;
import io.tusk.notify.TestEvents;
import org.junit.jupiter.api.Test;

class TextTest {
    @Test
    void shouldNeverCutAnEscapedTextInsideAnEntity() {
        assertThat(Text.cutEscaped("abc &amp; def", 7)).isEqualTo("abc \u2026");
        assertThat(Text.cutEscaped("abc &amp; def", 11)).isEqualTo("abc &amp; \u2026");
        assertThat(Text.cutEscaped("short", 10)).isEqualTo("short");
    }

    @Test
    void shouldCutATooLongTelegramTextToTheLimitAsPlainEscapedText() {
        NotificationEvent event = new NotificationEvent(EventType.BACKUP_FAILED, "shop", TestEvents.TIME, "x")
                .withDetail("Tables", "<t> & ".repeat(2000));

        String text = TelegramNotifier.text(new MessageFormatter().format(event));

        assertThat(text).hasSizeLessThanOrEqualTo(4096).startsWith("Backup failed: shop").doesNotContain("<t>");
        assertThat(text.substring(text.lastIndexOf('&'))).matches("&(lt|gt|amp);.*");
    }
}
