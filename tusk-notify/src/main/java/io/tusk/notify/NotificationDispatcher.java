package io.tusk.notify;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Delivers events to channels without ever holding up the caller: {@link #submit} formats the event once, hands a
 * copy to each subscribed channel's queue and returns. Each channel has its own thread, queue, rate limit and retries
 * (see {@link DeliveryPolicy}), so a channel that hangs or fails delays no other channel and no backup. Every attempt
 * and every dropped message is reported to the {@link DeliveryListener} and logged.
 *
 * <p>The channel set is fixed; when the configuration changes, the server builds a new dispatcher and closes the old
 * one.
 */
public final class NotificationDispatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NotificationDispatcher.class.getName());

    private final List<ChannelWorker> workers;
    private final MessageFormatter formatter;
    private volatile boolean closed;

    /** With the system clock, real sleeps, times in UTC. */
    public NotificationDispatcher(List<NotificationChannel> channels, DeliveryPolicy policy,
                                  DeliveryListener listener) {
        this(channels, policy, listener, new MessageFormatter(), Clock.systemUTC(), Sleeper.SYSTEM);
    }

    public NotificationDispatcher(List<NotificationChannel> channels, DeliveryPolicy policy, DeliveryListener listener,
                                  MessageFormatter formatter, Clock clock, Sleeper sleeper) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(listener, "listener");
        this.formatter = Objects.requireNonNull(formatter, "formatter");
        Set<String> ids = new HashSet<>();
        List<ChannelWorker> made = new ArrayList<>();
        for (NotificationChannel channel : channels) {
            if (!ids.add(channel.id())) {
                throw new IllegalArgumentException("two notification channels with the id '" + channel.id() + "'");
            }
            made.add(new ChannelWorker(channel, policy, listener, formatter, clock, sleeper));
        }
        this.workers = List.copyOf(made);
        workers.forEach(ChannelWorker::start);
    }

    /**
     * Queues the event for every channel subscribed to its type and returns at once; never throws because of a
     * channel. Returns the message (its {@link Message#id()} appears in every outcome), or null when closed.
     */
    public Message submit(NotificationEvent event) {
        if (closed) {
            LOG.log(Level.WARNING, "notification dispatcher closed, not sending {0}", event.type());
            return null;
        }
        Message message;
        try {
            message = formatter.format(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot format notification " + event, e);
            return null;
        }
        for (ChannelWorker worker : workers) {
            if (worker.wants(event.type())) {
                try {
                    worker.offer(message);
                } catch (RuntimeException e) {
                    // only a failing listener can get here; the other channels still get the message
                    LOG.log(Level.WARNING, "cannot queue notification " + message.id(), e);
                }
            }
        }
        return message;
    }

    /** Stops every channel after its attempt in progress (waiting up to 5 s); queued messages are reported dropped. */
    @Override
    public void close() {
        closed = true;
        workers.forEach(ChannelWorker::stop);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (ChannelWorker worker : workers) {
            try {
                worker.awaitStop(Duration.ofNanos(deadline - System.nanoTime()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
