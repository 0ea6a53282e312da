package io.tusk.notify.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tusk.notify.Message;
import io.tusk.notify.NotifierConfig;
import io.tusk.notify.NotifierConfigException;
import io.tusk.notify.NotifierException;
import io.tusk.notify.RecordingHttpServer;
import io.tusk.notify.RecordingHttpServer.Response;
import io.tusk.notify.TestEvents;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookNotifierTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String SECRET = "whsec-s3cr3t-for-signing";
    private static final Instant NOW = Instant.parse("2026-12-01T08:00:05Z");

    private final RecordingHttpServer receiver = new RecordingHttpServer();
    private final WebhookNotifierProvider provider = new WebhookNotifierProvider(Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void stop() {
        receiver.close();
    }

    private io.tusk.notify.Notifier notifier(Map<String, String> more) {
        Map<String, String> config = new HashMap<>(Map.of("url", receiver.url("/hooks/tusk").toString()));
        config.putAll(more);
        return provider.create(new NotifierConfig("webhook", config));
    }

    /** What a receiver does: HMAC-SHA256 over the bytes it received, with the shared secret. */
    private static String expectedSignature(byte[] receivedBody) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(receivedBody));
    }

    @Test
    void shouldSignTheExactBodyWithHmacSha256() throws Exception {
        notifier(Map.of("secret", SECRET)).send(TestEvents.backupFailedMessage());

        RecordingHttpServer.Request request = receiver.take(WAIT);
        assertThat(request.header("X-Tusk-Signature")).isEqualTo(expectedSignature(request.body()));
        assertThat(request.header("X-Tusk-Timestamp")).isEqualTo(Long.toString(NOW.getEpochSecond()));
        JsonNode body = HttpSender.JSON.readTree(request.body());
        assertThat(body.path("sentAt").asLong()).isEqualTo(NOW.getEpochSecond());
    }

    @Test
    void shouldSendTheEventAsJsonWithTheConfiguredMethodAndHeaders() throws Exception {
        Message message = TestEvents.backupFailedMessage();
        notifier(Map.of("method", "put", "header.Authorization", "Bearer s3cr3t-api-key", "header.X-Team", "ops"))
                .send(message);

        RecordingHttpServer.Request request = receiver.take(WAIT);
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.path()).isEqualTo("/hooks/tusk");
        assertThat(request.header("Authorization")).isEqualTo("Bearer s3cr3t-api-key");
        assertThat(request.header("X-Team")).isEqualTo("ops");
        assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(request.header("X-Tusk-Event")).isEqualTo("backup_failed");
        assertThat(request.header("X-Tusk-Delivery")).isEqualTo(message.id());
        assertThat(request.header("X-Tusk-Signature")).isNull();
        JsonNode body = HttpSender.JSON.readTree(request.body());
        assertThat(body.path("id").asText()).isEqualTo(message.id());
        assertThat(body.path("event").asText()).isEqualTo("backup_failed");
        assertThat(body.path("severity").asText()).isEqualTo("failure");
        assertThat(body.path("title").asText()).isEqualTo("Backup failed: shop");
        assertThat(body.path("database").asText()).isEqualTo("shop");
        assertThat(body.path("time").asText()).isEqualTo("2026-12-01T07:59:36Z");
        assertThat(body.path("summary").asText())
                .isEqualTo("connection to db1.internal:5432 refused <check pg_hba.conf> & retry");
        assertThat(body.path("details").path("Storage").asText()).isEqualTo("s3://backups/shop");
        assertThat(body.path("link").asText()).isEqualTo(TestEvents.LINK.toString());
        assertThat(body.path("text").asText()).startsWith("Backup failed: shop\n");
        assertThat(body.path("sentAt").asLong()).isEqualTo(NOW.getEpochSecond());
    }

    @Test
    void shouldRetryAServerErrorAndShowNoSecretInTheMessage() {
        receiver.respondToAll(Response.of(503, "upstream s3cr3t-api-key unavailable"));
        var notifier = notifier(Map.of("secret", SECRET, "header.Authorization", "Bearer s3cr3t-api-key"));

        assertThatThrownBy(() -> notifier.send(TestEvents.backupFailedMessage()))
                .isInstanceOfSatisfying(NotifierException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("webhook: 127.0.0.1 answered HTTP 503: upstream *** unavailable");
                    assertThat(e.retryable()).isTrue();
                });
    }

    @Test
    void shouldRetryAReceiverThatIsDownAndNameOnlyItsHost() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var notifier = provider.create(new NotifierConfig("webhook", Map.of(
                "url", "http://127.0.0.1:" + closedPort + "/hooks/s3cr3t-path")));

        assertThatThrownBy(() -> notifier.send(TestEvents.backupFailedMessage()))
                .isInstanceOfSatisfying(NotifierException.class, e -> {
                    assertThat(e.getMessage()).startsWith("webhook: cannot reach 127.0.0.1: ").doesNotContain("s3cr3t");
                    assertThat(e.retryable()).isTrue();
                });
    }

    @Test
    void shouldGiveUpOnAReceiverThatSendsHeadersAndThenStalls() {
        receiver.respondToAll(Response.stalledBody());
        var notifier = notifier(Map.of("timeoutSeconds", "1"));

        long start = System.nanoTime();
        assertThatThrownBy(() -> notifier.send(TestEvents.backupFailedMessage()))
                .isInstanceOfSatisfying(NotifierException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("webhook: 127.0.0.1 did not answer within 1 s");
                    assertThat(e.retryable()).isTrue();
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void shouldRefuseAMethodOtherThanPostOrPut() {
        assertThatThrownBy(() -> notifier(Map.of("method", "GET")))
                .isInstanceOf(NotifierConfigException.class)
                .hasMessage("webhook: method must be POST or PUT but is: 'GET'");
    }

    @Test
    void shouldRefuseAHeaderTheHttpClientSetsItself() {
        assertThatThrownBy(() -> notifier(Map.of("header.Host", "example.com")))
                .isInstanceOf(NotifierConfigException.class)
                .hasMessageStartingWith("webhook: a header.NAME cannot be sent: ");
    }

    @Test
    void shouldTreatTheUrlTheSecretAndEveryHeaderAsSecrets() {
        assertThat(provider.isSecret("url")).isTrue();
        assertThat(provider.isSecret("secret")).isTrue();
        assertThat(provider.isSecret("header.Authorization")).isTrue();
        assertThat(provider.isSecret("method")).isFalse();
    }
}
