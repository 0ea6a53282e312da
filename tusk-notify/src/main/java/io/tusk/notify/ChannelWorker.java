package io.tusk.notify;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One channel's delivery: a bounded queue, a rate limit, and a thread of its own that sends, retries with backoff and
 * reports. Its own thread is what keeps a channel whose server hangs from delaying any other channel.
 */
final class ChannelWorker implements Runnable {
    private static final System.Logger LOG = System.getLogger(NotificationDispatcher.class.getName());

    private final NotificationChannel channel;
    private final DeliveryPolicy policy;
    private final DeliveryListener listener;
    private final Clock clock;
    private final Sleeper sleeper;
    private final BlockingQueue<Message> queue;
    private final TokenBucket rateLimit;
    private final MessageFormatter formatter;
    /** Messages dropped since the last one that went out: the next one says so, so the channel's readers know. */
    private final AtomicInteger droppedSinceLastSent = new AtomicInteger();
    private final Thread thread;

    ChannelWorker(NotificationChannel channel, DeliveryPolicy policy, DeliveryListener listener,
                  MessageFormatter formatter, Clock clock, Sleeper sleeper) {
        this.channel = channel;
        this.formatter = formatter;
        this.policy = policy;
        this.listener = listener;
        this.clock = clock;
        this.sleeper = sleeper;
        this.queue = new ArrayBlockingQueue<>(policy.queueCapacity());
        this.rateLimit = new TokenBucket(policy.burst(), policy.messagesPerMinute(), clock);
        this.thread = new Thread(this, "tusk-notify-" + channel.id());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean wants(EventType type) {
        return channel.events().contains(type);
    }

    /** Queues the message, or reports it dropped; never blocks. */
    void offer(Message message) {
        if (!rateLimit.tryTake()) {
            drop(message, "rate limit of " + policy.messagesPerMinute() + " messages a minute (bursts of "
                    + policy.burst() + ") exceeded");
        } else if (!queue.offer(message)) {
            drop(message, "queue full: " + policy.queueCapacity() + " messages are waiting for this channel");
        }
    }

    /** Asks it to stop after the attempt in progress; what is still queued is then reported dropped. */
    void stop() {
        thread.interrupt();
    }

    void awaitStop(Duration wait) throws InterruptedException {
        thread.join(Math.max(1, wait.toMillis()));
    }

    @Override
    public void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                deliver(withDroppedCount(queue.take()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Message> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(message -> report(message, DeliveryOutcome.Status.DROPPED, 0,
                "the dispatcher was closed before it was sent", null));
    }

    private void deliver(Message message) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            String error;
            boolean retryable;
            Duration requested = null;
            try {
                channel.notifier().send(message);
                report(message, DeliveryOutcome.Status.DELIVERED, attempt, null, null);
                return;
            } catch (NotifierException e) {
                error = e.getMessage();
                retryable = e.retryable();
                requested = e.retryAfter().orElse(null);
            } catch (RuntimeException e) {
                // a bug in a notifier must not kill the channel's thread; trying again will not fix it
                error = channel.notifier().name() + ": unexpected " + e.getClass().getName() + ": " + e.getMessage();
                retryable = false;
            }
            if (Thread.currentThread().isInterrupted()) {
                report(message, DeliveryOutcome.Status.FAILED, attempt, error, null);
                throw new InterruptedException();
            }
            if (!retryable || attempt >= policy.maxAttempts()) {
                LOG.log(Level.WARNING, "notification {0} to channel {1} failed after {2} attempt(s): {3}",
                        message.id(), channel.id(), attempt, error);
                report(message, DeliveryOutcome.Status.FAILED, attempt, error, null);
                return;
            }
            Duration delay = policy.retryDelay(attempt, requested);
            LOG.log(Level.INFO, "notification {0} to channel {1} failed (attempt {2}), retrying in {3}: {4}",
                    message.id(), channel.id(), attempt, Units.duration(delay.toMillis()), error);
            report(message, DeliveryOutcome.Status.RETRYING, attempt, error, delay);
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                // closed while waiting to retry: the message ends here, and its record must say so
                report(message, DeliveryOutcome.Status.FAILED, attempt, error + " (no retry: the dispatcher was closed)",
                        null);
                throw e;
            }
        }
    }

    private Message withDroppedCount(Message message) {
        int dropped = droppedSinceLastSent.getAndSet(0);
        if (dropped == 0) {
            return message;
        }
        return formatter.format(message.event().withDetail("Not sent", dropped + " earlier notification"
                + (dropped == 1 ? " was" : "s were") + " dropped (rate limit or queue full); see Tusk's delivery log"),
                message.id());
    }

    private void drop(Message message, String reason) {
        droppedSinceLastSent.incrementAndGet();
        LOG.log(Level.WARNING, "notification {0} to channel {1} dropped: {2}", message.id(), channel.id(), reason);
        report(message, DeliveryOutcome.Status.DROPPED, 0, reason, null);
    }

    private void report(Message message, DeliveryOutcome.Status status, int attempt, String error, Duration retryIn) {
        DeliveryOutcome outcome = new DeliveryOutcome(channel.id(), channel.notifier().name(), message.id(),
                message.event().type(), message.event().database(), status, attempt, clock.instant(), error, retryIn);
        try {
            listener.onOutcome(outcome);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "delivery listener failed on " + outcome, e);
        }
    }
}
