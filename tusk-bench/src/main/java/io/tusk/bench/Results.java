package io.tusk.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The timings of one data set: every contender's seconds per round, output size, or why it has none. */
final class Results {
    static final class Row {
        final String name;
        final Contender.Kind kind;
        final List<Double> seconds = new ArrayList<>();
        long bytes = -1;
        /** Set when the contender failed or does not apply; the row then shows this instead of numbers. */
        String unavailable;

        Row(String name, Contender.Kind kind) {
            this.name = name;
            this.kind = kind;
        }

        double median() {
            List<Double> sorted = new ArrayList<>(seconds);
            Collections.sort(sorted);
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        double min() {
            return Collections.min(seconds);
        }

        boolean measured() {
            return unavailable == null && !seconds.isEmpty();
        }
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();

    Row row(String name, Contender.Kind kind) {
        return rows.computeIfAbsent(name, n -> new Row(n, kind));
    }

    void record(Contender c, double seconds, long bytes) {
        Row r = row(c.name(), c.kind());
        r.seconds.add(seconds);
        if (bytes >= 0) {
            r.bytes = bytes;
        }
    }

    void unavailable(String name, Contender.Kind kind, String why) {
        row(name, kind).unavailable = why;
    }

    boolean failed(String name) {
        Row r = rows.get(name);
        return r != null && r.unavailable != null;
    }

    /** The measured row of this name, or null. */
    Row measured(String name) {
        Row r = rows.get(name);
        return r != null && r.measured() ? r : null;
    }

    List<Row> rows() {
        return new ArrayList<>(rows.values());
    }
}
