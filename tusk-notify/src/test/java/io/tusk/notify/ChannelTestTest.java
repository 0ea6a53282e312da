package io.tusk.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.notify.RecordingHttpServer.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelTestTest {
    private final NotifierFactory factory = new NotifierFactory();
    private final Clock clock = Clock.fixed(TestEvents.TIME, ZoneOffset.UTC);

    @Test
    void shouldSendATestMessageAndSayItWasDelivered() throws Exception {
        try (RecordingHttpServer slack = new RecordingHttpServer()) {
            Notifier notifier = factory.create("slack", Map.of("webhookUrl", slack.url("/services/T/B/x").toString()));

            ChannelTest.Result result = ChannelTest.send(notifier, new MessageFormatter(), clock, TestEvents.LINK);

            assertThat(result.delivered()).isTrue();
            assertThat(result.error()).isNull();
            String body = slack.take(Duration.ofSeconds(5)).bodyText();
            assertThat(body).contains("Test notification", "This is a test notification from Tusk: this channel works.");
        }
    }

    @Test
    void shouldShowTheServicesErrorWhenTheTestFails() throws Exception {
        try (RecordingHttpServer discord = new RecordingHttpServer()) {
            discord.respondToAll(Response.of(401, "{\"message\":\"Invalid Webhook Token\",\"code\":50027}"));
            Notifier notifier = factory.create("discord", Map.of("webhookUrl",
                    discord.url("/api/webhooks/1/s3cr3t").toString()));

            ChannelTest.Result result = ChannelTest.send(notifier, new MessageFormatter(), clock, null);

            assertThat(result.delivered()).isFalse();
            assertThat(result.error()).isEqualTo("discord: 127.0.0.1 answered HTTP 401: Invalid Webhook Token");
        }
    }

    @Test
    void shouldExplainThatRedirectsAreNotFollowed() throws Exception {
        try (RecordingHttpServer moved = new RecordingHttpServer()) {
            moved.respondToAll(Response.of(301, "", Map.of("Location", "https://elsewhere.example.com/hook?token=s3cr3t")));
            Notifier notifier = factory.create("webhook", Map.of("url", moved.url("/old").toString()));

            ChannelTest.Result result = ChannelTest.send(notifier, new MessageFormatter(), clock, null);

            assertThat(result.error()).isEqualTo("webhook: 127.0.0.1 answered HTTP 301; redirects are not followed,"
                    + " configure the URL it redirects to");
        }
    }
}
