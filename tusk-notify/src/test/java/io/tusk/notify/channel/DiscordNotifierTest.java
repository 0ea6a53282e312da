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

class DiscordNotifierTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String WEBHOOK_PATH = "/api/webhooks/1234567890/s3cr3tDiscordToken";

    private final RecordingHttpServer discord = new RecordingHttpServer();
    private final NotifierFactory factory = new NotifierFactory();

    @AfterEach
    void stop() {
        discord.close();
    }

    @Test
    void shouldPostContentAndOneEmbedAndTakeNoContentAsSuccess() throws Exception {
        discord.respond(WEBHOOK_PATH, Response.of(204, ""));
        factory.create("discord", Map.of("webhookUrl", discord.url(WEBHOOK_PATH).toString()))
                .send(TestEvents.backupFailedMessage());

        RecordingHttpServer.Request request = discord.take(WAIT);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(WEBHOOK_PATH);
        assertThat(request.header("Content-Type")).startsWith("application/json");
        JsonNode body = HttpSender.JSON.readTree(request.body());
        assertThat(body.path("content").asText()).isEqualTo("Backup failed: shop");
        assertThat(body.path("allowed_mentions").path("parse").isArray()).isTrue();
        assertThat(body.path("allowed_mentions").path("parse")).isEmpty();
        JsonNode embed = body.path("embeds").get(0);
        assertThat(embed.path("title").asText()).isEqualTo("Backup failed: shop");
        assertThat(embed.path("description").asText())
                .isEqualTo("connection to db1.internal:5432 refused <check pg_hba.conf> & retry");
        assertThat(embed.path("color").asInt()).isEqualTo(0xE01E5A);
        assertThat(embed.path("timestamp").asText()).isEqualTo("2026-12-01T07:59:36Z");
        assertThat(embed.path("url").asText()).isEqualTo(TestEvents.LINK.toString());
        assertThat(embed.path("fields").get(0).path("name").asText()).isEqualTo("Database");
        assertThat(embed.path("fields").get(0).path("value").asText()).isEqualTo("shop");
    }

    @Test
    void shouldTakeRetryAfterFromTheBodyOfA429() {
        discord.respond(WEBHOOK_PATH, Response.of(429,
                "{\"message\":\"You are being rate limited.\",\"retry_after\":1.5,\"global\":false}"));
        var notifier = factory.create("discord", Map.of("webhookUrl", discord.url(WEBHOOK_PATH).toString()));

        assertThatThrownBy(() -> notifier.send(TestEvents.backupFailedMessage()))
                .isInstanceOfSatisfying(NotifierException.class, e -> {
                    assertThat(e.getMessage())
                            .isEqualTo("discord: 127.0.0.1 answered HTTP 429: You are being rate limited.");
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofMillis(1500));
                });
    }

    @Test
    void shouldNotRetryADeletedWebhookNorShowItsToken() {
        discord.respond(WEBHOOK_PATH, Response.of(404, "{\"message\":\"Unknown Webhook\",\"code\":10015}"));
        var notifier = factory.create("discord", Map.of("webhookUrl", discord.url(WEBHOOK_PATH).toString()));

        assertThatThrownBy(() -> notifier.send(TestEvents.backupFailedMessage()))
                .isInstanceOfSatisfying(NotifierException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("discord: 127.0.0.1 answered HTTP 404: Unknown Webhook");
                    assertThat(e.retryable()).isFalse();
                });
    }
}
