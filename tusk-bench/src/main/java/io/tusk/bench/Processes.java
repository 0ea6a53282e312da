package io.tusk.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs a contender's command line, its output into a log file, and fails with the log's tail. */
final class Processes {
    private static final int TAIL_LINES = 3;

    private Processes() {
    }

    static void run(List<String> command, Path log) throws IOException, InterruptedException, ContenderFailedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int exit = p.waitFor();
        if (exit != 0) {
            throw new ContenderFailedException("exit " + exit + ": " + tail(log));
        }
    }

    static String tail(Path log) throws IOException {
        // not readAllLines: a client's message in another encoding must not fail the benchmark
        List<String> lines = List.of(new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\n"));
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size())).strip();
    }
}
