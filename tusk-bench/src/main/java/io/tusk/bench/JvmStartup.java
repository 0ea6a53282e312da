package io.tusk.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The fixed cost in every Tusk row: starting a JVM and loading the jar ({@code tusk --version}), median of a
 * few runs. Tusk runs as a process like pg_dump, so its rows include this; it is reported apart so it can be
 * subtracted when comparing work rather than wall time.
 */
final class JvmStartup {
    private static final int RUNS = 5;

    private JvmStartup() {
    }

    static double medianSeconds(Tools tools, Path workDir) throws Exception {
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            Processes.run(tools.tusk("--version"), workDir.resolve("jvm-startup.log"));
            seconds.add((System.nanoTime() - start) / 1e9);
        }
        Collections.sort(seconds);
        return seconds.get(RUNS / 2);
    }
}
