package io.tusk.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code bench/run [--scale S] [--rounds N] [--only DATASET[,DATASET]] [--workdir DIR]}; bench/run adds --repo and --shared. */
final class BenchArguments {
    double scale = 1.0;
    int rounds = 3;
    final List<String> only = new ArrayList<>();
    Path repo = Path.of(".");
    Path shared;
    Path workDir = Path.of(System.getProperty("java.io.tmpdir"), "tusk-bench");
    Path resultsDir;

    static BenchArguments parse(String[] args) {
        BenchArguments a = new BenchArguments();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("-h") || option.equals("--help")) {
                throw new IllegalArgumentException("");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--scale" -> a.scale = positive(option, Double.parseDouble(value));
                case "--rounds" -> a.rounds = (int) positive(option, Integer.parseInt(value));
                case "--only" -> a.only.addAll(List.of(value.split(",")));
                case "--repo" -> a.repo = Path.of(value);
                case "--shared" -> a.shared = Path.of(value);
                case "--workdir" -> a.workDir = Path.of(value);
                case "--results-dir" -> a.resultsDir = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (a.shared == null) {
            a.shared = a.repo.resolve("../shared").normalize();
        }
        if (a.resultsDir == null) {
            a.resultsDir = a.repo.resolve("bench");
        }
        return a;
    }

    private static double positive(String option, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(option + " must be positive, got " + value);
        }
        return value;
    }

    static String usage() {
        return "usage: bench/run [--scale S (default 1)] [--rounds N (default 3)] [--only events,small,wide,huge]"
                + " [--workdir DIR (default $TMPDIR/tusk-bench)]";
    }
}
