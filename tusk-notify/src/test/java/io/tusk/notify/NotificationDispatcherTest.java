package io.tusk.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.notify.DeliveryOutcome.Status;
import io.tusk.notify.RecordingHttpServer.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NotificationDispatcherTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final RecordingListener listener = new RecordingListener();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    /** Retries wait for nothing, but every wait is recorded. */
    private final Sleeper sleeper = sleeps::add;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final NotifierFactory factory = new NotifierFactory();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    private RecordingHttpServer server(Response response) {
        RecordingHttpServer server = new RecordingHttpServer().respondToAll(response);
        toClose.add(server);
        return server;
    }

    private NotificationChannel webhook(String id, RecordingHttpServer server, int timeoutSeconds) {
        Notifier notifier = factory.create("webhook", Map.of("url", server.url("/hook").toString(),
                "timeoutSeconds", Integer.toString(timeoutSeconds)));
        return NotificationChannel.withDefaultEvents(id, notifier);
    }

    private NotificationDispatcher dispatcher(DeliveryPolicy policy, NotificationChannel... channels) {
        NotificationDispatcher dispatcher = new NotificationDispatcher(List.of(channels), policy, listener,
                new MessageFormatter(), clock, sleeper);
        toClose.add(0, dispatcher);
        return dispatcher;
    }

    private static DeliveryPolicy policy(int maxAttempts, int perMinute, int burst, int queue) {
        return new DeliveryPolicy(maxAttempts, Duration.ofSeconds(1), Duration.ofSeconds(60), queue, perMinute, burst);
    }

    @Test
    void shouldDeliverToAHealthyChannelWhileAnotherHangsOrFailsAndRecordTheFinalFailures() throws Exception {
        RecordingHttpServer hung = server(Response.hanging());
        RecordingHttpServer broken = server(Response.of(500, "{\"error\":\"database locked\"}"));
        RecordingHttpServer healthy = server(Response.of(200, "{}"));
        NotificationDispatcher dispatcher = dispatcher(policy(2, 60, 10, 10),
                webhook("hung", hung, 3), webhook("broken", broken, 3), webhook("healthy", healthy, 3));

        long start = System.nanoTime();
        Message message = dispatcher.submit(TestEvents.backupFailed());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));

        RecordingHttpServer.Request delivered = healthy.take(Duration.ofSeconds(2));
        assertThat(delivered.header("X-Tusk-Delivery")).isEqualTo(message.id());
        assertThat(listener.await("healthy", Status.DELIVERED, WAIT).attempt()).isEqualTo(1);
        // the hung channel's first attempt (3 s timeout) is still under way
        assertThat(hung.take(Duration.ofSeconds(2)).header("X-Tusk-Delivery")).isEqualTo(message.id());
        assertThat(listener.of("hung")).isEmpty();

        DeliveryOutcome brokenFinal = listener.await("broken", Status.FAILED, WAIT);
        assertThat(brokenFinal.attempt()).isEqualTo(2);
        assertThat(brokenFinal.error()).isEqualTo("webhook: 127.0.0.1 answered HTTP 500: {\"error\":\"database locked\"}");
        assertThat(brokenFinal.messageId()).isEqualTo(message.id());
        assertThat(brokenFinal.event()).isEqualTo(EventType.BACKUP_FAILED);
        assertThat(brokenFinal.database()).isEqualTo("shop");
        assertThat(brokenFinal.channelType()).isEqualTo("webhook");
        assertThat(listener.of("broken")).extracting(DeliveryOutcome::status)
                .containsExactly(Status.RETRYING, Status.FAILED);
        assertThat(listener.of("broken").get(0).retryIn()).isEqualTo(Duration.ofSeconds(1));

        DeliveryOutcome hungFinal = listener.await("hung", Status.FAILED, WAIT);
        assertThat(hungFinal.attempt()).isEqualTo(2);
        assertThat(hungFinal.error()).isEqualTo("webhook: 127.0.0.1 did not answer within 3 s");
        assertThat(listener.of("healthy")).hasSize(1);
    }

    @Test
    void shouldBackOffExponentiallyAndHonourRetryAfter() throws Exception {
        RecordingHttpServer failing = server(Response.of(503, "busy"));
        RecordingHttpServer limited = server(Response.of(429, "slow down", Map.of("Retry-After", "7")));
        NotificationDispatcher dispatcher = dispatcher(policy(4, 60, 10, 10),
                webhook("failing", failing, 5), webhook("limited", limited, 5));

        dispatcher.submit(TestEvents.backupFailed());

        assertThat(listener.await("failing", Status.FAILED, WAIT).attempt()).isEqualTo(4);
        assertThat(listener.await("limited", Status.FAILED, WAIT).attempt()).isEqualTo(4);
        assertThat(listener.of("failing")).extracting(DeliveryOutcome::retryIn).containsExactly(
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), null);
        assertThat(listener.of("limited")).extracting(DeliveryOutcome::retryIn).containsExactly(
                Duration.ofSeconds(7), Duration.ofSeconds(7), Duration.ofSeconds(7), null);
        assertThat(sleeps).hasSize(6);
        assertThat(failing.received()).isEqualTo(4);
    }

    @Test
    void shouldGiveUpAtOnceOnAFailureThatRetryingCannotFix() throws Exception {
        RecordingHttpServer gone = server(Response.of(404, "no such hook"));
        NotificationDispatcher dispatcher = dispatcher(policy(5, 60, 10, 10), webhook("gone", gone, 5));

        dispatcher.submit(TestEvents.backupFailed());

        DeliveryOutcome outcome = listener.await("gone", Status.FAILED, WAIT);
        assertThat(outcome.attempt()).isEqualTo(1);
        assertThat(outcome.error()).isEqualTo("webhook: 127.0.0.1 answered HTTP 404: no such hook");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void shouldDropMessagesBeyondTheRateLimitAndRecordWhy() throws Exception {
        RecordingHttpServer receiver = server(Response.of(200, "{}"));
        NotificationDispatcher dispatcher = dispatcher(policy(1, 2, 2, 10), webhook("chat", receiver, 5));

        for (int i = 0; i < 3; i++) {
            dispatcher.submit(TestEvents.backupFailed());
        }
        DeliveryOutcome dropped = listener.await("chat", Status.DROPPED, WAIT);
        assertThat(dropped.error()).isEqualTo("rate limit of 2 messages a minute (bursts of 2) exceeded");
        assertThat(dropped.attempt()).isZero();
        receiver.take(WAIT);
        receiver.take(WAIT);

        // 2 a minute: one more after 30 s
        clock.advance(Duration.ofSeconds(30));
        Message later = dispatcher.submit(TestEvents.backupFailed());
        assertThat(receiver.take(WAIT).header("X-Tusk-Delivery")).isEqualTo(later.id());
        listener.await(outcome -> outcome.messageId().equals(later.id()) && outcome.status() == Status.DELIVERED,
                WAIT, "the later message delivered");
        assertThat(listener.of("chat")).extracting(DeliveryOutcome::status).containsExactlyInAnyOrder(
                Status.DELIVERED, Status.DELIVERED, Status.DROPPED, Status.DELIVERED);
    }

    @Test
    void shouldTellTheChannelHowManyMessagesItMissed() throws Exception {
        RecordingHttpServer receiver = server(Response.of(200, "{}"));
        NotificationDispatcher dispatcher = dispatcher(policy(1, 1, 1, 10), webhook("chat", receiver, 5));

        dispatcher.submit(TestEvents.backupFailed());
        assertThat(details(receiver.take(WAIT)).has("Not sent")).isFalse();
        dispatcher.submit(TestEvents.backupFailed());
        dispatcher.submit(TestEvents.backupFailed());
        clock.advance(Duration.ofMinutes(1));
        Message next = dispatcher.submit(TestEvents.backupFailed());

        RecordingHttpServer.Request request = receiver.take(WAIT);
        assertThat(request.header("X-Tusk-Delivery")).isEqualTo(next.id());
        assertThat(details(request).path("Not sent").asText())
                .isEqualTo("2 earlier notifications were dropped (rate limit or queue full); see Tusk's delivery log");
    }

    private static com.fasterxml.jackson.databind.JsonNode details(RecordingHttpServer.Request request)
            throws java.io.IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(request.body()).path("details");
    }

    @Test
    void shouldDropWhatDoesNotFitTheQueueOfAStuckChannel() throws Exception {
        RecordingHttpServer hung = server(Response.hanging());
        NotificationDispatcher dispatcher = dispatcher(policy(1, 60, 10, 1), webhook("stuck", hung, 5));

        dispatcher.submit(TestEvents.backupFailed());
        hung.take(WAIT);
        dispatcher.submit(TestEvents.backupFailed());
        Message third = dispatcher.submit(TestEvents.backupFailed());

        DeliveryOutcome dropped = listener.await("stuck", Status.DROPPED, WAIT);
        assertThat(dropped.messageId()).isEqualTo(third.id());
        assertThat(dropped.error()).isEqualTo("queue full: 1 messages are waiting for this channel");
    }

    @Test
    void shouldSendAChannelOnlyTheEventsItSubscribedTo() throws Exception {
        RecordingHttpServer receiver = server(Response.of(200, "{}"));
        NotificationDispatcher dispatcher = dispatcher(policy(1, 60, 10, 10), webhook("ops", receiver, 5));

        dispatcher.submit(new NotificationEvent(EventType.BACKUP_SUCCEEDED, "shop", TestEvents.TIME, "done"));
        Message failed = dispatcher.submit(TestEvents.backupFailed());

        assertThat(receiver.take(WAIT).header("X-Tusk-Delivery")).isEqualTo(failed.id());
        listener.await("ops", Status.DELIVERED, WAIT);
        assertThat(listener.of("ops")).hasSize(1);
    }

    @Test
    void shouldRecordANotifierBugAsAFinalFailureAndKeepTheChannelAlive() throws Exception {
        List<String> sent = new CopyOnWriteArrayList<>();
        Notifier flaky = new Notifier() {
            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public String destination() {
                return "nowhere";
            }

            @Override
            public void send(Message message) {
                if (sent.isEmpty()) {
                    sent.add("boom");
                    throw new IllegalStateException("bug in the channel");
                }
                sent.add(message.id());
            }
        };
        NotificationDispatcher dispatcher = dispatcher(policy(3, 60, 10, 10),
                new NotificationChannel("flaky", flaky, EnumSet.of(EventType.BACKUP_FAILED)));

        dispatcher.submit(TestEvents.backupFailed());
        DeliveryOutcome failed = listener.await("flaky", Status.FAILED, WAIT);
        assertThat(failed.error()).isEqualTo("flaky: unexpected java.lang.IllegalStateException: bug in the channel");
        Message second = dispatcher.submit(TestEvents.backupFailed());
        listener.await("flaky", Status.DELIVERED, WAIT);
        assertThat(sent).containsExactly("boom", second.id());
    }

    @Test
    void shouldRecordAFinalFailureForAMessageWaitingToRetryWhenClosed() throws Exception {
        RecordingHttpServer broken = server(Response.of(500, "down"));
        DeliveryPolicy slowRetries = new DeliveryPolicy(5, Duration.ofMinutes(5), Duration.ofMinutes(5), 10, 60, 10);
        NotificationDispatcher dispatcher = new NotificationDispatcher(List.of(webhook("broken", broken, 5)),
                slowRetries, listener, new MessageFormatter(), clock, Sleeper.SYSTEM);
        toClose.add(0, dispatcher);

        dispatcher.submit(TestEvents.backupFailed());
        listener.await("broken", Status.RETRYING, WAIT);
        dispatcher.close();

        DeliveryOutcome failed = listener.await("broken", Status.FAILED, WAIT);
        assertThat(failed.attempt()).isEqualTo(1);
        assertThat(failed.error()).isEqualTo("webhook: 127.0.0.1 answered HTTP 500: down (no retry: the dispatcher"
                + " was closed)");
    }

    @Test
    void shouldReportWhatIsStillQueuedWhenClosed() throws Exception {
        RecordingHttpServer hung = server(Response.hanging());
        NotificationDispatcher dispatcher = dispatcher(policy(1, 60, 10, 10), webhook("stuck", hung, 30));

        dispatcher.submit(TestEvents.backupFailed());
        hung.take(WAIT);
        Message queued = dispatcher.submit(TestEvents.backupFailed());
        dispatcher.close();

        DeliveryOutcome dropped = listener.await(outcome -> outcome.messageId().equals(queued.id()), WAIT, "queued");
        assertThat(dropped.status()).isEqualTo(Status.DROPPED);
        assertThat(dropped.error()).isEqualTo("the dispatcher was closed before it was sent");
        assertThat(dispatcher.submit(TestEvents.backupFailed())).isNull();
    }
}
