package io.tusk.notify;

/**
 * One notification channel: email, Slack, a webhook... Created from its configuration by {@link NotifierFactory}.
 *
 * <p>{@link #send(Message)} delivers one message synchronously, once, on the calling thread, bounded by the channel's
 * timeout; retries, rate limits and isolation from the backup are {@link NotificationDispatcher}'s job.
 * Implementations are safe for concurrent use: the server's "send test" ({@link ChannelTest}) may run while the
 * dispatcher's thread delivers through the same notifier.
 */
public interface Notifier {
    /** The channel type, as in configuration: {@code email}, {@code slack}, {@code webhook}. */
    String name();

    /** Where it sends, for messages and the UI; never a secret (a webhook URL is reduced to its host). */
    String destination();

    /**
     * Delivers the message.
     *
     * @throws NotifierException when the service refused it or could not be reached; its message says why (the HTTP
     *                           status and the service's own error text) and never contains a secret
     */
    void send(Message message) throws NotifierException;
}
