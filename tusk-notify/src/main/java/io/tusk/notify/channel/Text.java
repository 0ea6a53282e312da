package io.tusk.notify.channel;

/** Length limits of the services, applied without splitting a surrogate pair. */
final class Text {
    private Text() {
    }

    /** The message's text without its first line (the title), for services that show the title apart. */
    static String body(io.tusk.notify.Message message) {
        String text = message.text();
        return (text.startsWith(message.title()) ? text.substring(message.title().length()) : text).strip();
    }

    /** Cuts HTML-escaped text without splitting an entity such as {@code &amp;}. */
    static String cutEscaped(String escaped, int maxLength) {
        if (escaped.length() <= maxLength) {
            return escaped;
        }
        int end = maxLength - 1;
        int amp = escaped.lastIndexOf('&', end - 1);
        if (amp >= 0 && escaped.indexOf(';', amp) >= end) {
            end = amp;
        }
        return escaped.substring(0, end) + "\u2026";
    }

    static String cut(String text, int maxLength) {
        if (text.length() <= maxLength) {
            return text;
        }
        int end = maxLength - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "\u2026";
    }
}
