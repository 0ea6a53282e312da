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

class TelegramNotifierTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String TOKEN = "123456789:AAHs3cr3tTelegramToken_x-y";
    private static final String PATH = "/bot" + TOKEN + "/sendMessage";

    private final RecordingHttpServer telegram = new RecordingHttpServer();
    private final NotifierFactory factory = new NotifierFactory();

    @AfterEach
    void stop() {
        telegram.close();
    }

    private io.tusk.notify.Notifier notifier(Map<String, String> more) {
        Map<String, String> config = new java.util.HashMap<>(Map.of("botToken", TOKEN, "chatId", "-1001234567890",
                "apiBase", telegram.url("").toString()));
        config.putAll(more);
        return factory.create("telegram", config);
    }

    @Test
    void shouldSendEscapedHtmlToTheChatAndTopic() throws Exception {
        telegram.respond(PATH, Response.of(200, "{\"ok\":true,\"result\":{\"message_id\":7}}"));
        notifier(Map.of("topicId", "42")).send(TestEvents.backupFailedMessage());

        RecordingHttpServer.Request request = telegram.take(WAIT);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(PATH);
        assertThat(request.header("Content-Type")).startsWith("application/json");
        JsonNode body = HttpSender.JSON.readTree(request.body());
        assertThat(body.path("chat_id").asText()).isEqualTo("-1001234567890");
        assertThat(body.path("message_thread_id").asInt()).isEqualTo(42);
        assertThat(body.path("parse_mode").asText()).isEqualTo("HTML");
        assertThat(body.path("text").asText()).startsWith("<b>Backup failed: shop</b>\n")
                .contains("<b>Error:</b> connection to db1.internal:5432 refused &lt;check pg_hba.conf&gt; &amp; retry")
                .endsWith("<a href=\"https://tusk.example.com/runs/42\">Open the run in Tusk</a>");
    }

    @Test
    void shouldLeaveOutTheTopicWhenNoneIsSet() throws Exception {
        telegram.respond(PATH, Response.of(200, "{\"ok\":true,\"result\":{}}"));
        notifier(Map.of()).send(TestEvents.backupFailedMessage());

        JsonNode body = HttpSender.JSON.readTree(telegram.take(WAIT).body());
        assertThat(body.has("message_thread_id")).isFalse();
    }

    @Test
    void shouldReportTelegramsDescriptionWithoutTheToken() {
        telegram.respond(PATH, Response.of(400,
                "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}"));

        assertThatThrownBy(() -> notifier(Map.of()).send(TestEvents.backupFailedMessage()))
                .isInstanceOfSatisfying(NotifierException.class, e -> {
                    assertThat(e.getMessage())
                            .isEqualTo("telegram: 127.0.0.1 answered HTTP 400: Bad Request: chat not found");
                    assertThat(e.getMessage()).doesNotContain(TOKEN, "s3cr3t");
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void shouldHonourRetryAfterOfA429() {
        telegram.respond(PATH, Response.of(429, "{\"ok\":false,\"error_code\":429,"
                + "\"description\":\"Too Many Requests: retry after 7\",\"parameters\":{\"retry_after\":7}}"));

        assertThatThrownBy(() -> notifier(Map.of()).send(TestEvents.backupFailedMessage()))
                .isInstanceOfSatisfying(NotifierException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
                });
    }
}
