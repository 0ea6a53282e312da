package io.tusk.notify.channel;

import io.tusk.notify.EventType;

/** One colour per severity, the same in every channel that has colours. */
final class Colors {
    private Colors() {
    }

    static int rgb(EventType.Severity severity) {
        return switch (severity) {
            case OK -> 0x2EB67D;
            case INFO -> 0x3B82F6;
            case WARNING -> 0xECB22E;
            case FAILURE -> 0xE01E5A;
        };
    }
}
