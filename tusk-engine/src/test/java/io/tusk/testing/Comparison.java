package io.tusk.testing;

import java.util.List;

/**
 * What {@link DatabaseComparator} found: schema differences as diff lines of the normalized stock schema dumps
 * (source {@code -}, target {@code +}), and the tables whose rows differ.
 *
 * @param source            the compared source, for messages
 * @param target            the compared target, for messages
 * @param schemaDiff        diff lines of the schema dumps, empty when identical
 * @param differingTables   one line per table whose rows differ: {@code schema.table (count:md5 vs count:md5)}
 * @param comparedTables    how many tables' rows were compared
 */
public record Comparison(String source, String target, List<String> schemaDiff, List<String> differingTables, int comparedTables) {
    /** At most this many lines in {@link #diff()}. */
    public static final int MAX_DIFF_LINES = 200;

    public boolean identical() {
        return schemaDiff.isEmpty() && differingTables.isEmpty();
    }

    public boolean schemaIdentical() {
        return schemaDiff.isEmpty();
    }

    /** The first {@value #MAX_DIFF_LINES} lines of differences: schema diff, then tables with different rows. */
    public String diff() {
        StringBuilder text = new StringBuilder();
        int lines = 0;
        for (List<String> part : List.of(schemaDiff, differingTables.stream().map(t -> "data differs: " + t).toList())) {
            for (String line : part) {
                if (lines++ == MAX_DIFF_LINES) {
                    return text.append("... (").append(schemaDiff.size() + differingTables.size() - MAX_DIFF_LINES)
                            .append(" more lines)\n").toString();
                }
                text.append(line).append('\n');
            }
        }
        return text.toString();
    }

    /** One line: the verdict, as tools/compare-db prints it. */
    public String summary() {
        if (identical()) {
            return "identical: " + source + " and " + target + ": schema + " + comparedTables + " tables";
        }
        long changed = schemaDiff.stream().filter(l -> l.startsWith("-") || l.startsWith("+")).count();
        return "DIFFERENT: " + source + " and " + target + ": schema " + (schemaIdentical() ? "identical" : changed + " changed lines")
                + ", tables with different data: " + differingTables.size() + "/" + comparedTables;
    }

    @Override
    public String toString() {
        return identical() ? summary() : summary() + "\n" + diff();
    }
}
