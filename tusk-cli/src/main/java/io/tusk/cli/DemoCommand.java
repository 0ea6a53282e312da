package io.tusk.cli;

import io.tusk.archive.custom.CustomArchiveReader;
import io.tusk.dump.DumpOptions;
import io.tusk.dump.Dumper;
import io.tusk.embedded.EmbeddedPostgres;
import io.tusk.embedded.PostgresBinaries;
import io.tusk.restore.RestoreOptions;
import io.tusk.restore.Restorer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tusk demo}: the whole job on an embedded server, with nothing installed: start PostgreSQL, load the Pagila
 * sample, dump it with Tusk, restore the archive into a second database, and check that the two are equal.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Starts an embedded PostgreSQL, loads a sample database, dumps it, restores it into a second database "
                + "and checks that both are equal. Everything is temporary.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--server-major", paramLabel = "N", description = "PostgreSQL major version to run (default: ${DEFAULT-VALUE})")
    int major = PostgresBinaries.DEFAULT_MAJOR;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        long t0 = System.nanoTime();
        out.println("tusk demo: starting an embedded PostgreSQL " + major + " (temporary, removed at the end)...");
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(major)) {
            out.printf(Locale.ROOT, "tusk demo: PostgreSQL %d is up on 127.0.0.1:%d (%.1f s)%n", major, pg.port(), seconds(t0));
            pg.createDatabase("pagila");
            long t1 = System.nanoTime();
            // One session per script: the schema script empties search_path, which the data script relies on.
            try (Connection c = pg.connect("pagila")) {
                runScript(c, pagilaSchema(major));
            }
            try (Connection c = pg.connect("pagila")) {
                runScript(c, "pagila-data.sql");
            }
            DatabaseDigest source = DatabaseDigest.of(pg, "pagila");
            out.printf(Locale.ROOT, "tusk demo: loaded the Pagila sample: %d tables, %d rows (%.1f s)%n",
                    source.tableCount(), source.rowCount(), seconds(t1));

            Path dir = Files.createTempDirectory("tusk-demo-");
            Path archive = dir.resolve("pagila.dump");
            DumpOptions options = new DumpOptions();
            options.format = DumpOptions.Format.CUSTOM;
            options.file = archive;
            long t2 = System.nanoTime();
            try (Connection c = pg.connect("pagila")) {
                new Dumper(options).dump(c, System.out);
            }
            out.printf(Locale.ROOT, "tusk demo: dumped pagila to %s (custom format, gzip, %s, %.1f s)%n", archive,
                    VerboseProgress.human(Files.size(archive)), seconds(t2));

            pg.createDatabase("pagila_restored");
            long t3 = System.nanoTime();
            int errors;
            try (CustomArchiveReader reader = CustomArchiveReader.open(archive); Connection c = pg.connect("pagila_restored")) {
                errors = Restorer.toDatabase(reader, new RestoreOptions(), c, pg::connect, System.err, "tusk demo");
            }
            out.printf(Locale.ROOT, "tusk demo: restored the archive into pagila_restored (%d errors, %.1f s)%n", errors, seconds(t3));

            DatabaseDigest restored = DatabaseDigest.of(pg, "pagila_restored");
            String difference = source.differenceFrom(restored);
            Files.deleteIfExists(archive);
            Files.deleteIfExists(dir);
            if (errors == 0 && difference == null) {
                out.printf(Locale.ROOT, "tusk demo: OK: pagila_restored equals pagila: same schema, same rows in all %d tables "
                        + "(%d rows) (%.1f s in all)%n", source.tableCount(), source.rowCount(), seconds(t0));
                return 0;
            }
            System.err.println("tusk demo: FAILED: the restored database differs from the source: "
                    + (difference == null ? errors + " errors during the restore" : difference));
            return 1;
        }
    }

    /**
     * Pagila's own schema needs PostgreSQL 18: {@code uuidv7()} and a virtual generated column are new in 18. Older
     * servers get the portable variant, with pgcrypto's {@code gen_random_uuid()} and a stored column.
     */
    static String pagilaSchema(int major) {
        return major >= 18 ? "pagila-schema.sql" : "pagila-schema-portable.sql";
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static void runScript(Connection c, String resource) throws IOException, java.sql.SQLException {
        try (InputStream in = DemoCommand.class.getResourceAsStream("demo/" + resource); Statement s = c.createStatement()) {
            if (in == null) {
                throw new IOException("sample " + resource + " is missing from the Tusk jar");
            }
            s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
