package io.tusk.server.run;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A run's log: timestamped lines, bounded so that a restore with a million errors cannot fill the metadata database. */
final class RunLog {
    private static final int MAX_CHARS = 180_000;
    private final StringBuilder text = new StringBuilder();
    private boolean truncated;

    synchronized void line(String message) {
        if (text.length() > MAX_CHARS) {
            if (!truncated) {
                text.append("[log truncated]\n");
                truncated = true;
            }
            return;
        }
        text.append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(' ').append(message).append('\n');
    }

    /** A stream whose lines go into the log (the restore's error messages). */
    PrintStream printStream() {
        return new PrintStream(new ByteArrayOutputStream() {
            @Override
            public synchronized void flush() {
                String s = toString(StandardCharsets.UTF_8);
                int end = s.lastIndexOf('\n');
                if (end >= 0) {
                    for (String l : s.substring(0, end).split("\n")) {
                        line(l);
                    }
                    reset();
                    write(s.substring(end + 1).getBytes(StandardCharsets.UTF_8), 0, s.length() - end - 1);
                }
            }
        }, true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized String toString() {
        return text.toString();
    }
}
