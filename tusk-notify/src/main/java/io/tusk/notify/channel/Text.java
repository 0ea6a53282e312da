package io.tusk.notify.channel;

/** Length limits of the services, applied without splitting a surrogate pair. */
final class Text {
    private Text() {
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
