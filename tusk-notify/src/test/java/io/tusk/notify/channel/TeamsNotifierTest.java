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

class TeamsNotifierTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String PATH = "/workflows/abc123/triggers/manual/paths/invoke";

    private final RecordingHttpServer teams = new RecordingHttpServer();
    private final NotifierFactory factory = new NotifierFactory();

    @AfterEach
    void stop() {
        teams.close();
    }

    @Test
    void shouldPostAnAdaptiveCardAttachmentWithFactsAndAnOpenUrlAction() throws Exception {
        teams.respond(PATH, Response.of(202, ""));
        String url = teams.url(PATH).toString() + "?api-version=2016-06-01&sig=s3cr3tSignature";
        factory.create("teams", Map.of("webhookUrl", url)).send(TestEvents.backupFailedMessage());

        RecordingHttpServer.Request request = teams.take(WAIT);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(PATH);
        assertThat(request.query()).isEqualTo("api-version=2016-06-01&sig=s3cr3tSignature");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        JsonNode body = HttpSender.JSON.readTree(request.body());
        assertThat(body.path("type").asText()).isEqualTo("message");
        JsonNode attachment = body.path("attachments").get(0);
        assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = attachment.path("content");
        assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.path("version").asText()).isEqualTo("1.4");
        assertThat(card.path("body").get(0).path("type").asText()).isEqualTo("TextBlock");
        assertThat(card.path("body").get(0).path("text").asText()).isEqualTo("Backup failed: shop");
        assertThat(card.path("body").get(0).path("color").asText()).isEqualTo("Attention");
        JsonNode facts = card.path("body").get(1);
        assertThat(facts.path("type").asText()).isEqualTo("FactSet");
        assertThat(facts.path("facts").get(0).path("title").asText()).isEqualTo("Database");
        assertThat(facts.path("facts").get(0).path("value").asText()).isEqualTo("shop");
        JsonNode action = card.path("actions").get(0);
        assertThat(action.path("type").asText()).isEqualTo("Action.OpenUrl");
        assertThat(action.path("url").asText()).isEqualTo(TestEvents.LINK.toString());
    }

    @Test
    void shouldReportAFailureWithoutTheSignatureOfTheUrl() {
        teams.respond(PATH, Response.of(401, "{\"error\":{\"code\":\"DirectApiAuthorizationRequired\"}}"));
        String url = teams.url(PATH).toString() + "?sig=s3cr3tSignature";
        var notifier = factory.create("teams", Map.of("webhookUrl", url));

        assertThatThrownBy(() -> notifier.send(TestEvents.backupFailedMessage()))
                .isInstanceOfSatisfying(NotifierException.class, e -> {
                    assertThat(e.getMessage()).startsWith("teams: 127.0.0.1 answered HTTP 401: ")
                            .contains("DirectApiAuthorizationRequired").doesNotContain("s3cr3t", PATH);
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void shouldReportTheTitleOfAnHtmlErrorPageFromAProxy() {
        teams.respond(PATH, Response.of(502, "<html>\n<head><title>502 Bad Gateway</title></head>\n<body><center>"
                + "<h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>",
                Map.of("Content-Type", "text/html")));
        var notifier = factory.create("teams", Map.of("webhookUrl", teams.url(PATH).toString()));

        assertThatThrownBy(() -> notifier.send(TestEvents.backupFailedMessage()))
                .isInstanceOfSatisfying(NotifierException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("teams: 127.0.0.1 answered HTTP 502: 502 Bad Gateway");
                    assertThat(e.retryable()).isTrue();
                });
    }
}
