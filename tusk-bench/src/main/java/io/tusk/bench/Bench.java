package io.tusk.bench;

import io.tusk.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Times Tusk against stock pg_dump/pg_restore 18 and the COPY floor on one embedded PostgreSQL 18, data set by
 * data set, in interleaved rounds (each round runs every contender once, the order rotated by one), and prints
 * a table per data set; the same tables go to {@code bench/results-DATE.md}. Run it with {@code bench/run}.
 */
public final class Bench {
    static final String FLOOR = "COPY floor (pgjdbc)";
    static final String DUMP_BASELINE = "pg_dump -Fc -Z zstd";
    static final String RESTORE_BASELINE = "pg_restore";
    private static final int PG_MAJOR = 18;

    private final BenchArguments args;

    private Bench(BenchArguments args) {
        this.args = args;
    }

    public static void main(String[] argv) throws Exception {
        BenchArguments args;
        try {
            args = BenchArguments.parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage().isEmpty() ? BenchArguments.usage() : "bench: error: " + e.getMessage() + "\n" + BenchArguments.usage());
            System.exit(2);
            return;
        }
        new Bench(args).run();
    }

    /**
     * Settings for a 24 GiB machine. Unlike the test servers, durability stays on (fsync, full_page_writes,
     * synchronous_commit): restores are timed, and a restore without fsync measures nothing a user gets.
     */
    private static EmbeddedPostgres startServer() {
        return EmbeddedPostgres.builder(PG_MAJOR)
                .setting("fsync", "on")
                .setting("full_page_writes", "on")
                .setting("synchronous_commit", "on")
                .setting("shared_buffers", "4GB")
                .setting("effective_cache_size", "16GB")
                .setting("maintenance_work_mem", "1GB")
                .setting("work_mem", "64MB")
                // few checkpoints during a restore; Bench runs CHECKPOINT itself before each timed run
                .setting("max_wal_size", "16GB")
                .setting("checkpoint_timeout", "30min")
                .start();
    }

    private void run() throws Exception {
        Tools tools = new Tools(args.repo, args.shared);
        Files.createDirectories(args.workDir);
        List<DataSet> dataSets = selected();
        log("starting PostgreSQL " + PG_MAJOR + "...");
        try (EmbeddedPostgres pg = startServer()) {
            String machine = Machine.describe(pg, tools, args.workDir);
            TuskCapabilities can = TuskCapabilities.probe(pg, tools, args.workDir);
            double jvm = JvmStartup.medianSeconds(tools, args.workDir);
            Lineup lineup = new Lineup(tools, can);
            StringBuilder report = new StringBuilder("# Tusk benchmark, " + LocalDate.now() + "\n\n")
                    .append("`bench/run --scale ").append(args.scale).append(" --rounds ").append(args.rounds).append("`\n\n")
                    .append(machine)
                    .append(String.format(Locale.ROOT, "- JVM start-up (`tusk --version`, median of 5): %.2f s, included in every Tusk row%n", jvm))
                    .append("- Tusk: ").append(can.describe()).append("\n- ").append(lineup.tuskRestoreArchive).append("\n");
            System.out.println(report);
            for (DataSet d : dataSets) {
                String section = benchmark(pg, d, lineup);
                System.out.println(section);
                report.append('\n').append(section);
            }
            Files.createDirectories(args.resultsDir);
            Path file = args.resultsDir.resolve("results-" + LocalDate.now() + ".md");
            for (int n = 2; Files.exists(file); n++) {
                // a second run the same day keeps the first one's results
                file = args.resultsDir.resolve("results-" + LocalDate.now() + "-" + n + ".md");
            }
            Files.writeString(file, report);
            log("wrote " + file);
        }
    }

    private List<DataSet> selected() {
        List<DataSet> all = DataSet.all(args.shared);
        if (args.only.isEmpty()) {
            return all;
        }
        List<DataSet> chosen = new ArrayList<>();
        for (String name : args.only) {
            chosen.add(all.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                    "unknown data set \"" + name + "\": use " + all.stream().map(DataSet::name).toList())));
        }
        return chosen;
    }

    /** Loads one data set, runs the rounds, drops it; returns its markdown section. */
    private String benchmark(EmbeddedPostgres pg, DataSet d, Lineup lineup) throws Exception {
        log("[" + d.name() + "] loading: " + d.describe(args.scale));
        long start = System.nanoTime();
        pg.dropDatabase(d.name());
        pg.createDatabase(d.name());
        d.load(pg, d.name(), args.scale);
        // set hint bits and statistics now, so the first contender does not pay for them
        pg.execute(d.name(), "VACUUM (FREEZE, ANALYZE)");
        String size = databaseSize(pg, d.name());
        log(String.format(Locale.ROOT, "[%s] loaded in %.0f s, %s", d.name(), (System.nanoTime() - start) / 1e9, size));

        Trial trial = new Trial(pg, d.name(), args.workDir);
        Results results = new Results();
        for (Lineup.Entry e : lineup.rows) {
            results.row(e.name(), e.kind());
            if (e.unavailable() != null) {
                results.unavailable(e.name(), e.kind(), e.unavailable());
            }
        }
        for (int round = 0; round < args.rounds; round++) {
            // dumps (and floors) first: this round's restores read this round's archives
            for (Contender c : rotated(lineup.dumps, round)) {
                time(trial, c, results, round);
            }
            for (Contender c : rotated(lineup.restores, round)) {
                time(trial, c, results, round);
            }
        }
        pg.dropDatabase(d.name());
        deleteArchives(d.name());
        return "## " + d.name() + ": " + d.describe(args.scale) + " (" + size + ")\n\n" + ResultTable.markdown(results);
    }

    private void time(Trial trial, Contender c, Results results, int round) throws Exception {
        if (results.failed(c.name())) {
            return;
        }
        c.prepare(trial);
        trial.pg().execute("postgres", "CHECKPOINT");
        long start = System.nanoTime();
        try {
            long bytes = c.run(trial);
            double seconds = (System.nanoTime() - start) / 1e9;
            results.record(c, seconds, bytes);
            log(String.format(Locale.ROOT, "[%s] round %d/%d  %-40s %8.2f s", trial.database(), round + 1, args.rounds, c.name(), seconds));
        } catch (ContenderFailedException e) {
            results.unavailable(c.name(), c.kind(), "failed: " + e.getMessage());
            log("[" + trial.database() + "] " + c.name() + " FAILED: " + e.getMessage());
        } finally {
            c.finish(trial);
        }
    }

    /** A full-scale run's archives take gigabytes; the logs stay, for a failed contender's details. */
    private void deleteArchives(String database) throws java.io.IOException {
        try (var archives = Files.newDirectoryStream(args.workDir, database + "-*.dump")) {
            for (Path p : archives) {
                CommandContender.deleteRecursively(p);
            }
        }
    }

    private static <T> List<T> rotated(List<T> list, int by) {
        List<T> copy = new ArrayList<>(list);
        Collections.rotate(copy, -by);
        return copy;
    }

    private static String databaseSize(EmbeddedPostgres pg, String db) throws Exception {
        try (Connection c = pg.connect(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_size_pretty(pg_database_size(current_database()))")) {
            rs.next();
            return rs.getString(1) + " on disk";
        }
    }

    private static void log(String message) {
        System.err.println(message);
    }
}
