package io.tusk.notify.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tusk.notify.NotifierException;
import io.tusk.notify.NotifierFactory;
import io.tusk.notify.RecordingHttpServer;
import io.tusk.notify.RecordingHttpServer.Response;
import io.tusk.notify.TestEvents;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlackNotifierTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String WEBHOOK_PATH = "/services/T0001/B0002/s3cr3tW3bh00kToken";
    private static final String BOT_TOKEN = "xoxb-1234-5678-s3cr3tB0tToken";

    private final RecordingHttpServer slack = new RecordingHttpServer();
    private final NotifierFactory factory = new NotifierFactory();

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void shouldPostTextAndBlocksToTheIncomingWebhook() throws Exception {
        factory.create("slack", Map.of("webhookUrl", slack.url(WEBHOOK_PATH).toString()))
                .send(TestEvents.backupFailedMessage());

        RecordingHttpServer.Request request = slack.take(WAIT);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(WEBHOOK_PATH);
        assertThat(request.header("Content-Type")).startsWith("application/json");
        JsonNode body = HttpSender.JSON.readTree(request.body());
        assertThat(body.path("text").asText()).isEqualTo("Backup failed: shop: connection to db1.internal:5432 refused"
                + " &lt;check pg_hba.conf&gt; &amp; retry");
        JsonNode blocks = body.path("blocks");
        assertThat(blocks.get(0).path("type").asText()).isEqualTo("header");
        assertThat(blocks.get(0).path("text").path("type").asText()).isEqualTo("plain_text");
        assertThat(blocks.get(0).path("text").path("text").asText()).isEqualTo("Backup failed: shop");
        assertThat(blocks.get(1).path("type").asText()).isEqualTo("section");
        assertThat(blocks.get(1).path("text").path("type").asText()).isEqualTo("mrkdwn");
        assertThat(blocks.get(1).path("text").path("text").asText())
                .contains("*Database:* shop", "*When:* 2026-12-01 07:59:36 UTC", "*Storage:* s3://backups/shop",
                        "*Error:* connection to db1.internal:5432 refused &lt;check pg_hba.conf&gt; &amp; retry");
        JsonNode button = blocks.get(2).path("elements").get(0);
        assertThat(blocks.get(2).path("type").asText()).isEqualTo("actions");
        assertThat(button.path("type").asText()).isEqualTo("button");
        assertThat(button.path("url").asText()).isEqualTo(TestEvents.LINK.toString());
        assertThat(body.has("channel")).isFalse();
    }

    @Test
    void shouldPostToChatPostMessageWithTheBotTokenAsBearer() throws Exception {
        slack.respond("/api/chat.postMessage", Response.of(200, "{\"ok\":true,\"channel\":\"C123\",\"ts\":\"1.2\"}"));
        factory.create("slack", Map.of("botToken", BOT_TOKEN, "channel", "C123",
                "apiBase", slack.url("/api").toString())).send(TestEvents.backupFailedMessage());

        RecordingHttpServer.Request request = slack.take(WAIT);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/chat.postMessage");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + BOT_TOKEN);
        assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        JsonNode body = HttpSender.JSON.readTree(request.body());
        assertThat(body.path("channel").asText()).isEqualTo("C123");
        assertThat(body.path("blocks").isArray()).isTrue();
        assertThat(body.path("text").asText()).startsWith("Backup failed: shop");
    }

    @Test
    void shouldFailOnOkFalseInAnHttp200AnswerWithoutShowingTheToken() {
        slack.respond("/api/chat.postMessage", Response.of(200, "{\"ok\":false,\"error\":\"channel_not_found\"}"));
        var notifier = factory.create("slack", Map.of("botToken", BOT_TOKEN, "channel", "C404",
                "apiBase", slack.url("/api").toString()));

        assertThatThrownBy(() -> notifier.send(TestEvents.backupFailedMessage()))
                .isInstanceOfSatisfying(NotifierException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("slack: 127.0.0.1 refused the message: channel_not_found");
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void shouldReportTheStatusAndErrorOfTheWebhookButOnlyItsHost() {
        slack.respond(WEBHOOK_PATH, Response.of(404, "no_service", Map.of("Content-Type", "text/plain")));
        var notifier = factory.create("slack", Map.of("webhookUrl", slack.url(WEBHOOK_PATH).toString()));

        assertThatThrownBy(() -> notifier.send(TestEvents.backupFailedMessage()))
                .isInstanceOfSatisfying(NotifierException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("slack: 127.0.0.1 answered HTTP 404: no_service");
                    assertThat(e.getMessage()).doesNotContain("s3cr3t", "/services/");
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void shouldRetryAfterWhatSlackAsksWhenRateLimited() {
        slack.respond(WEBHOOK_PATH, Response.of(429, "rate_limited", Map.of("Retry-After", "30")));
        var notifier = factory.create("slack", Map.of("webhookUrl", slack.url(WEBHOOK_PATH).toString()));

        assertThatThrownBy(() -> notifier.send(TestEvents.backupFailedMessage()))
                .isInstanceOfSatisfying(NotifierException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
                });
    }
}
