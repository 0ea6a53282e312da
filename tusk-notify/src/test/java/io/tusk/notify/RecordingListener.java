package io.tusk.notify;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Keeps every outcome; waits for one that matches. */
final class RecordingListener implements DeliveryListener {
    private final List<DeliveryOutcome> outcomes = new CopyOnWriteArrayList<>();

    @Override
    public void onOutcome(DeliveryOutcome outcome) {
        outcomes.add(outcome);
        synchronized (this) {
            notifyAll();
        }
    }

    List<DeliveryOutcome> of(String channelId) {
        return outcomes.stream().filter(outcome -> outcome.channelId().equals(channelId)).toList();
    }

    DeliveryOutcome await(String channelId, DeliveryOutcome.Status status, Duration wait) throws InterruptedException {
        return await(outcome -> outcome.channelId().equals(channelId) && outcome.status() == status, wait,
                channelId + " " + status);
    }

    synchronized DeliveryOutcome await(Predicate<DeliveryOutcome> wanted, Duration wait, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            for (DeliveryOutcome outcome : outcomes) {
                if (wanted.test(outcome)) {
                    return outcome;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no outcome " + what + " within " + wait + "; got " + outcomes);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
