package io.tusk.bench;

import io.tusk.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.List;

/**
 * What the Tusk under test can do, found by trying it on a tiny database before the benchmark: zstd archives,
 * {@code dump -j}, reading pg_dump's zstd archives, {@code restore -j}. A missing feature makes its rows "n/a"
 * with Tusk's own error message, instead of failing the run; the harness needs no change when one lands.
 */
final class TuskCapabilities {
    /** Null when supported, else why not (Tusk's message). */
    final String zstdDump;
    final String parallelDump;
    final String readsStockZstd;
    final String parallelRestore;

    private TuskCapabilities(String zstdDump, String parallelDump, String readsStockZstd, String parallelRestore) {
        this.zstdDump = zstdDump;
        this.parallelDump = parallelDump;
        this.readsStockZstd = readsStockZstd;
        this.parallelRestore = parallelRestore;
    }

    static TuskCapabilities probe(EmbeddedPostgres pg, Tools tools, Path workDir) throws Exception {
        String db = "tusk_probe";
        String target = db + "_restored";
        pg.dropDatabase(db);
        pg.createDatabase(db);
        pg.execute(db, "CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t SELECT g, md5(g::text) FROM generate_series(1, 1000) g");
        String uri = pg.uri(db);
        Path log = workDir.resolve("probe.log");
        String zstd = attempt(tools.tusk("dump", "-Fc", "-Z", "zstd", "-f", workDir.resolve("probe-tusk-zstd.dump").toString(), uri), log);
        // a directory archive needs a new directory: the one of an earlier run goes first
        Path jobsDir = workDir.resolve("probe-tusk-j2.dir");
        deleteTree(jobsDir);
        String jobs = attempt(tools.tusk("dump", "-Fd", "-j", "2", "-f", jobsDir.toString(), uri), log);
        Path stock = workDir.resolve("probe-stock-zstd.dump");
        Processes.run(tools.stock("pg_dump", "-Fc", "-Z", "zstd", "-f", stock.toString(), uri), log);
        String reads = attempt(tools.tusk("restore", "-f", "/dev/null", stock.toString()), log);
        Path own = workDir.resolve("probe-tusk-gzip.dump");
        Processes.run(tools.tusk("dump", "-Fc", "-f", own.toString(), uri), log);
        pg.createDatabase(target);
        String restoreJobs = attempt(tools.tusk("restore", "-j", "2", "-d", pg.uri(target),
                (reads == null ? stock : own).toString()), log);
        pg.dropDatabase(target);
        pg.dropDatabase(db);
        return new TuskCapabilities(zstd, jobs, reads, restoreJobs);
    }

    private static String attempt(List<String> command, Path log) throws Exception {
        try {
            Processes.run(command, log);
            return null;
        } catch (ContenderFailedException e) {
            return e.getMessage();
        }
    }

    String describe() {
        return "zstd dump: " + yesNo(zstdDump) + "; dump -j: " + yesNo(parallelDump) + "; reads pg_dump zstd archives: "
                + yesNo(readsStockZstd) + "; restore -j: " + yesNo(parallelRestore);
    }

    private static String yesNo(String why) {
        return why == null ? "yes" : "no (" + why + ")";
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!java.nio.file.Files.exists(dir)) {
            return;
        }
        try (var paths = java.nio.file.Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
    }
}
