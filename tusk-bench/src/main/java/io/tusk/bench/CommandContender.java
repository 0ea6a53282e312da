package io.tusk.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** A dump or a restore run as a separate process: stock pg_dump/pg_restore, or Tusk's jar. */
final class CommandContender implements Contender {
    private final String name;
    private final Kind kind;
    private final Function<Trial, List<String>> commandLine;
    private final Function<Trial, Path> output;

    private CommandContender(String name, Kind kind, Function<Trial, List<String>> commandLine, Function<Trial, Path> output) {
        this.name = name;
        this.kind = kind;
        this.commandLine = commandLine;
        this.output = output;
    }

    /** A dump that writes {@code trial.archive(slug)}; {@code command} gets the archive path and the source URI. */
    static CommandContender dump(String name, String slug, ArchiveCommand command) {
        return new CommandContender(name, Kind.DUMP,
                t -> command.of(t.archive(slug).toString(), t.pg().uri(t.database())), t -> t.archive(slug));
    }

    /** A restore of {@code trial.archive(slug)} into a fresh database; {@code command} gets the archive and the target URI. */
    static CommandContender restore(String name, String slug, ArchiveCommand command) {
        return new CommandContender(name, Kind.RESTORE,
                t -> command.of(t.archive(slug).toString(), t.pg().uri(t.restoreTarget())), t -> null);
    }

    @FunctionalInterface
    interface ArchiveCommand {
        List<String> of(String archive, String uri);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    @Override
    public void prepare(Trial trial) throws java.io.IOException {
        if (kind == Kind.DUMP && output.apply(trial) != null) {
            // a directory archive needs a new directory each round
            deleteRecursively(output.apply(trial));
        }
        if (kind == Kind.RESTORE) {
            trial.pg().dropDatabase(trial.restoreTarget());
            trial.pg().createDatabase(trial.restoreTarget());
        }
    }

    @Override
    public long run(Trial trial) throws Exception {
        Path log = trial.workDir().resolve(trial.database() + "-" + name.replaceAll("[^A-Za-z0-9]+", "_") + ".log");
        Processes.run(commandLine.apply(trial), log);
        Path out = output.apply(trial);
        return out == null ? -1 : sizeOf(out);
    }

    /** A file's size, or a directory archive's: all its files. */
    static long sizeOf(Path path) throws java.io.IOException {
        if (!Files.isDirectory(path)) {
            return Files.size(path);
        }
        try (var files = Files.walk(path)) {
            long total = 0;
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                total += Files.size(f);
            }
            return total;
        }
    }

    static void deleteRecursively(Path path) throws java.io.IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var all = Files.walk(path)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public void finish(Trial trial) {
        if (kind == Kind.RESTORE) {
            trial.pg().dropDatabase(trial.restoreTarget());
        }
    }
}
