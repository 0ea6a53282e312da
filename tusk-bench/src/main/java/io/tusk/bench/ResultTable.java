package io.tusk.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Formats one data set's {@link Results} as a markdown table, padded so it also reads in a terminal. Dumps and
 * floors compare to {@code pg_dump -Fc -Z zstd} (time and size) and to the pgjdbc COPY floor; restores compare
 * to stock {@code pg_restore}.
 */
final class ResultTable {
    private static final String[] HEADER = {"contender", "median s", "min s", "vs baseline", "vs COPY floor", "size MB", "size vs pg_dump zstd"};
    private static final double MB = 1024.0 * 1024.0;
    private static final String NONE = "–";

    private ResultTable() {
    }

    static String markdown(Results results) {
        Results.Row dumpBaseline = results.measured(Bench.DUMP_BASELINE);
        Results.Row restoreBaseline = results.measured(Bench.RESTORE_BASELINE);
        Results.Row floor = results.measured(Bench.FLOOR);
        List<String[]> lines = new ArrayList<>();
        StringBuilder notes = new StringBuilder();
        lines.add(HEADER);
        for (Results.Row r : results.rows()) {
            if (!r.measured()) {
                String note = "(" + (notes.length() == 0 ? 1 : notes.toString().split("\n").length + 1) + ")";
                lines.add(new String[] {r.name, "n/a " + note, NONE, NONE, NONE, NONE, NONE});
                notes.append(note).append(' ').append(r.name).append(": ").append(r.unavailable == null ? "not run" : r.unavailable).append('\n');
                continue;
            }
            boolean restore = r.kind == Contender.Kind.RESTORE;
            Results.Row baseline = restore ? restoreBaseline : dumpBaseline;
            lines.add(new String[] {
                    r.name,
                    seconds(r.median()),
                    seconds(r.min()),
                    baseline == null ? NONE : ratio(r.median() / baseline.median()),
                    restore || floor == null ? NONE : ratio(r.median() / floor.median()),
                    r.bytes < 0 ? NONE : String.format(Locale.ROOT, "%.1f", r.bytes / MB),
                    r.bytes < 0 || dumpBaseline == null || dumpBaseline.bytes <= 0 ? NONE : ratio((double) r.bytes / dumpBaseline.bytes),
            });
        }
        return render(lines) + (notes.length() == 0 ? "" : "\n" + notes.toString().replace("\n", "  \n"));
    }

    private static String render(List<String[]> lines) {
        int[] width = new int[HEADER.length];
        for (String[] l : lines) {
            for (int i = 0; i < l.length; i++) {
                width[i] = Math.max(width[i], l[i].length());
            }
        }
        String[] rule = new String[HEADER.length];
        for (int i = 0; i < rule.length; i++) {
            rule[i] = i == 0 ? "-".repeat(width[i]) : "-".repeat(width[i] - 1) + ":";
        }
        lines.add(1, rule);
        StringBuilder out = new StringBuilder();
        for (String[] cells : lines) {
            out.append('|');
            for (int i = 0; i < cells.length; i++) {
                String padding = " ".repeat(width[i] - cells[i].length());
                out.append(' ').append(i == 0 ? cells[i] + padding : padding + cells[i]).append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, s < 10 ? "%.2f" : "%.1f", s);
    }

    private static String ratio(double r) {
        return String.format(Locale.ROOT, "%.2fx", r);
    }
}
