package io.tusk.notify;

/**
 * Told of every delivery attempt and every dropped message. Called on the channel's own delivery thread, so a slow
 * listener slows that channel only; an exception it throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface DeliveryListener {
    DeliveryListener NONE = outcome -> { };

    void onOutcome(DeliveryOutcome outcome);
}
