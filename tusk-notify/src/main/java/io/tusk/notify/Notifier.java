package io.tusk.notify;

/**
 * One notification channel: email, Slack, a webhook... Created from its configuration by {@link NotifierFactory}.
 *
 * <p>{@link #send(Message)} delivers one message synchronously, once, on the calling thread, bounded by the channel's
 * timeout; retries, rate limits and isolation from the backup are {@link NotificationDispatcher}'s job. A notifier is
 * safe for use by one thread at a time; the dispatcher gives each channel its own thread.
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
