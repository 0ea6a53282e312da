package io.tusk.notify.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tusk.notify.EventType;
import io.tusk.notify.MessageFormatter;
import io.tusk.notify.NotificationEvent;
import io.tusk.notify.NotifierException;
import io.tusk.notify.NotifierFactory;
import io.tusk.notify.RecordingHttpServer;
import io.tusk.notify.RecordingHttpServer.Response;
import io.tusk.notify.TestEvents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NtfyAndGotifyNotifierTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final RecordingHttpServer server = new RecordingHttpServer();
    private final NotifierFactory factory = new NotifierFactory();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldPublishThePlainTextToTheTopicWithNtfyHeaders() throws Exception {
        factory.create("ntfy", Map.of("server", server.url("").toString(), "topic", "tusk-ops_7",
                "token", "tk_s3cr3tntfytoken")).send(TestEvents.backupFailedMessage());

        RecordingHttpServer.Request request = server.take(WAIT);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/tusk-ops_7");
        assertThat(request.header("Title")).isEqualTo("Backup failed: shop");
        assertThat(request.header("Priority")).isEqualTo("5");
        assertThat(request.header("Tags")).isEqualTo("rotating_light");
        assertThat(request.header("Click")).isEqualTo(TestEvents.LINK.toString());
        assertThat(request.header("Authorization")).isEqualTo("Bearer tk_s3cr3tntfytoken");
        assertThat(request.bodyText()).startsWith("Database: shop\n")
                .contains("Error: connection to db1.internal:5432 refused <check pg_hba.conf> & retry");
    }

    @Test
    void shouldEncodeANonAsciiTitleAsAnRfc2047Word() throws Exception {
        NotificationEvent event = new NotificationEvent(EventType.BACKUP_SUCCEEDED, "bücher", TestEvents.TIME, "done");
        factory.create("ntfy", Map.of("server", server.url("").toString(), "topic", "tusk"))
                .send(new MessageFormatter().format(event));

        RecordingHttpServer.Request request = server.take(WAIT);
        String encoded = Base64.getEncoder().encodeToString("Backup succeeded: bücher".getBytes(StandardCharsets.UTF_8));
        assertThat(request.header("Title")).isEqualTo("=?UTF-8?B?" + encoded + "?=");
        assertThat(request.header("Authorization")).isNull();
        assertThat(request.header("Click")).isNull();
        assertThat(request.header("Priority")).isEqualTo("3");
    }

    @Test
    void shouldRefuseAnInvalidTopicNameSayingWhatIsAllowed() {
        assertThatThrownBy(() -> factory.create("ntfy", Map.of("topic", "a/b")))
                .hasMessage("ntfy: topic must be 1 to 64 letters, digits, '-' or '_' but is: 'a/b'");
    }

    @Test
    void shouldPostToGotifyWithTheAppTokenInAHeader() throws Exception {
        server.respond("/gotify/message", Response.of(200, "{\"id\":1}"));
        factory.create("gotify", Map.of("server", server.url("/gotify").toString(), "appToken", "As3cr3tGotify"))
                .send(TestEvents.backupFailedMessage());

        RecordingHttpServer.Request request = server.take(WAIT);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/gotify/message");
        assertThat(request.query()).isNull();
        assertThat(request.header("X-Gotify-Key")).isEqualTo("As3cr3tGotify");
        JsonNode body = HttpSender.JSON.readTree(request.body());
        assertThat(body.path("title").asText()).isEqualTo("Backup failed: shop");
        assertThat(body.path("priority").asInt()).isEqualTo(8);
        assertThat(body.path("message").asText()).startsWith("Database: shop\n");
        assertThat(body.path("extras").path("client::notification").path("click").path("url").asText())
                .isEqualTo(TestEvents.LINK.toString());
    }

    @Test
    void shouldReportGotifysErrorDescription() {
        server.respond("/message", Response.of(401,
                "{\"error\":\"Unauthorized\",\"errorCode\":401,\"errorDescription\":\"you need to provide a valid access token\"}"));
        var notifier = factory.create("gotify", Map.of("server", server.url("").toString(), "appToken", "wrong1"));

        assertThatThrownBy(() -> notifier.send(TestEvents.backupFailedMessage()))
                .isInstanceOfSatisfying(NotifierException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("gotify: 127.0.0.1 answered HTTP 401: you need to provide a valid access token"));
    }
}
