package io.tusk.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines of the contenders: stock PostgreSQL 18 clients through {@code stock-pg-client}, and Tusk
 * through its launcher {@code ./tusk} (the packaged jar with the JVM options users get), each a process of its own.
 */
final class Tools {
    static final String STOCK_MAJOR = "18";

    private final Path stockClient;
    private final Path tuskJar;
    private final Path launcher;

    Tools(Path repo, Path shared) {
        this.stockClient = shared.resolve("tools/stock-pg-client");
        this.tuskJar = repo.resolve("tusk-cli/target/tusk.jar");
        this.launcher = repo.resolve("tusk");
        if (!Files.isExecutable(stockClient)) {
            throw new IllegalStateException("stock PostgreSQL clients not found at " + stockClient
                    + ": pass --shared DIR (the directory holding tools/stock-pg-client)");
        }
        if (!Files.isRegularFile(tuskJar)) {
            throw new IllegalStateException("Tusk jar not found at " + tuskJar + ": build it first (bench/run does)");
        }
    }

    List<String> stock(String tool, String... args) {
        List<String> command = new ArrayList<>(List.of(stockClient.toString(), STOCK_MAJOR, tool));
        command.addAll(List.of(args));
        return command;
    }

    List<String> tusk(String... args) {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        return command;
    }
}
