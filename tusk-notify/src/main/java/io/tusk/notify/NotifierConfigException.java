package io.tusk.notify;

/** A channel's configuration is incomplete or invalid; the message names the channel, the key and what to fix. */
public class NotifierConfigException extends IllegalArgumentException {
    public NotifierConfigException(String message) {
        super(message);
    }
}
