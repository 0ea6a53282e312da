package io.tusk.cli;

import io.tusk.dump.DumpListener;
import java.io.PrintStream;
import java.util.Locale;

/** -v: what the dump is doing, on stderr, with rows, bytes and an ETA per table from the catalog's estimates. */
final class VerboseProgress implements DumpListener {
    private final PrintStream err;
    private final String program;
    private record Started(long nanos, long estimatedRows) {
    }

    /** Per table: parallel dumps report several tables at once. */
    private final java.util.Map<String, Started> started = new java.util.concurrent.ConcurrentHashMap<>();

    VerboseProgress(PrintStream err, String program) {
        this.err = err;
        this.program = program;
    }

    @Override
    public void message(String text) {
        err.println(program + ": " + text);
    }

    @Override
    public void objectWritten(String desc, String name) {
        err.println(program + ": " + desc.toLowerCase(Locale.ROOT) + " " + name);
    }

    @Override
    public void tableStarted(String table, long rows, long bytes) {
        started.put(table, new Started(System.nanoTime(), rows));
        err.println(program + ": dumping contents of table " + table + " (about " + rows + " rows, " + human(bytes) + ")");
    }

    @Override
    public void tableProgress(String table, long rows, long bytes, boolean done) {
        Started s = started.getOrDefault(table, new Started(System.nanoTime(), 0));
        long estimatedRows = s.estimatedRows();
        double seconds = (System.nanoTime() - s.nanos()) / 1e9;
        if (done) {
            started.remove(table);
            err.printf(Locale.ROOT, "%s: dumped table %s: %d rows, %s in %.1f s%n", program, table, rows, human(bytes), seconds);
            return;
        }
        String eta = "";
        if (estimatedRows > rows && rows > 0) {
            eta = String.format(Locale.ROOT, ", %d%%, about %.0f s left", rows * 100 / estimatedRows,
                    seconds * (estimatedRows - rows) / rows);
        }
        err.printf(Locale.ROOT, "%s: table %s: %d rows, %s%s%n", program, table, rows, human(bytes), eta);
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
