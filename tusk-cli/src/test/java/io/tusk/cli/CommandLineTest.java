package io.tusk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.embedded.EmbeddedPostgres;
import io.tusk.testing.DatabaseComparator;
import io.tusk.testing.SampleDatabases;
import io.tusk.testing.StockClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code tusk} command line end to end, on one PostgreSQL 15 holding Pagila (schema public), Chinook (schema
 * chinook) and a few oddly named tables: what the user types, what lands in the database, what the stock tools
 * make of Tusk's output.
 */
class CommandLineTest {
    private static final int MAJOR = 15;
    private static final Pattern CREATE_RELATION = Pattern.compile("^CREATE (TABLE|VIEW|MATERIALIZED VIEW|SEQUENCE) .*");

    private static EmbeddedPostgres pg;
    /** {@code tusk dump -Fc} of {@code source}, made once. */
    private static Path sourceArchive;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadSamples() {
        pg = EmbeddedPostgres.start(MAJOR);
        pg.createDatabase("source");
        SampleDatabases.loadPagila(pg, "source");
        SampleDatabases.loadChinook(pg, "source", "chinook");
        // Names a pattern must quote: upper case and a space.
        pg.execute("source", "CREATE TABLE public.\"Mixed Case\" (id int PRIMARY KEY); INSERT INTO public.\"Mixed Case\" VALUES (1), (2);"
                + " CREATE SCHEMA \"Odd Schema\"; CREATE TABLE \"Odd Schema\".\"T1\" (id int); CREATE TABLE \"Odd Schema\".plain (id int)");
        pg.createDatabase("chinook_only");
        SampleDatabases.loadChinook(pg, "chinook_only", "public");
        sourceArchive = shared.resolve("source.dump");
        Tusk.Result dump = Tusk.run("dump", "-Fc", "-f", sourceArchive.toString(), pg.uri("source"));
        assertThat(dump.exitCode()).as(dump.toString()).isZero();
    }

    @AfterAll
    static void stopServer() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void customArchiveRestoredWithTuskEqualsTheSource() {
        pg.createDatabase("from_custom");

        Tusk.Result restore = Tusk.run("restore", "-d", pg.uri("from_custom"), sourceArchive.toString());

        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(restore.stderr()).isEmpty();
        DatabaseComparator.assertIdentical(pg, "source", "from_custom");
    }

    @Test
    void plainDumpLoadedByStockPsqlEqualsTheSource() {
        Path script = dir.resolve("source.sql");
        Tusk.Result dump = Tusk.run("dump", "-f", script.toString(), pg.uri("source"));
        assertThat(dump.exitCode()).as(dump.toString()).isZero();
        pg.createDatabase("from_plain");

        SampleDatabases.psql(pg, "from_plain", script, null);

        DatabaseComparator.assertIdentical(pg, "source", "from_plain");
    }

    @Test
    void customArchiveOnStandardOutputRestoresFromStandardInput() {
        Tusk.Result dump = Tusk.run("dump", "-Fc", pg.uri("source"));
        assertThat(dump.exitCode()).as(dump.toString()).isZero();
        assertThat(new String(dump.stdoutBytes(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("PGDMP");
        pg.createDatabase("from_stdin");

        Tusk.Result restore = Tusk.runWithInput(dump.stdoutBytes(), "restore", "-d", pg.uri("from_stdin"));

        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        DatabaseComparator.assertIdentical(pg, "source", "from_stdin");
    }

    @Test
    void restoreToAScriptFileGivesWhatPsqlLoadsIntoAnIdenticalDatabase() {
        Path script = dir.resolve("restored.sql");
        Tusk.Result restore = Tusk.run("restore", "-f", script.toString(), sourceArchive.toString());
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        pg.createDatabase("from_script");

        SampleDatabases.psql(pg, "from_script", script, null);

        DatabaseComparator.assertIdentical(pg, "source", "from_script");
    }

    static Stream<Arguments> selectionPatterns() {
        return Stream.of(
                List.of("-t", "film*"),
                List.of("-t", "public.film_?ategory"),
                List.of("-t", "film_[ac]*"),
                List.of("-t", "public.(actor|staff)"),
                List.of("-t", "chinook.*"),
                List.of("-t", "PUBLIC.ACTOR"),
                List.of("-t", "\"Mixed Case\""),
                List.of("-t", "\"Odd Schema\".*"),
                List.of("-t", "payment_p2022_0*"),
                List.of("-n", "chin*"),
                List.of("-n", "\"Odd Schema\""),
                List.of("-N", "chinook", "-N", "public"),
                List.of("-n", "public", "-T", "film*"),
                List.of("-n", "chinook", "-t", "public.actor")
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("selectionPatterns")
    void tableAndSchemaPatternsSelectWhatStockPgDumpSelects(List<String> patterns) {
        List<String> args = new ArrayList<>(List.of("dump", "-s"));
        args.addAll(patterns);
        args.add(pg.uri("source"));
        Tusk.Result tusk = Tusk.run(args.toArray(String[]::new));
        assertThat(tusk.exitCode()).as(tusk.toString()).isZero();

        List<String> stockArgs = new ArrayList<>(List.of("-s"));
        stockArgs.addAll(patterns);
        stockArgs.add(pg.uri("source"));
        String stock = StockClient.of(MAJOR).tool("pg_dump").args(stockArgs).run().stdout();

        Set<String> expected = relationsCreated(stock);
        assertThat(expected).as("stock pg_dump selects something").isNotEmpty();
        assertThat(relationsCreated(tusk.stdout())).isEqualTo(expected);
    }

    /** Patterns on which Tusk and stock pg_dump 15 disagree today. */
    static Stream<Arguments> selectionPatternsWithOwnedSequences() {
        return Stream.of(
                // pg_dump also dumps the sequences a selected table owns (serial columns)
                List.of("-t", "*.customer"),
                List.of("-t", "actor", "-t", "chinook.artist")
        ).map(Arguments::of);
    }


    @ParameterizedTest(name = "{0}")
    @MethodSource("selectionPatternsWithOwnedSequences")
    void tableAndSchemaPatternsSelectWhatStockPgDumpSelectsAlsoForOwnedSequences(List<String> patterns) {
        tableAndSchemaPatternsSelectWhatStockPgDumpSelects(patterns);
    }

    private static Set<String> relationsCreated(String script) {
        return script.lines().filter(l -> CREATE_RELATION.matcher(l).matches()).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void excludedTableDataLeavesTheTablesEmptyAndTheOthersFull() throws SQLException {
        // Tables no foreign key references: without their rows the restore's constraints still hold.
        Path archive = dir.resolve("no_payment_data.dump");
        Tusk.Result dump = Tusk.run("dump", "-Fc", "--exclude-table-data", "public.payment*",
                "--exclude-table-data", "chinook.invoice_line", "-f", archive.toString(), pg.uri("source"));
        assertThat(dump.exitCode()).as(dump.toString()).isZero();
        pg.createDatabase("no_payment_data");

        Tusk.Result restore = Tusk.run("restore", "-d", pg.uri("no_payment_data"), archive.toString());

        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(userTables("no_payment_data")).contains("public.payment", "public.payment_p2022_01", "chinook.invoice_line");
        assertThat(count("no_payment_data", "public.payment")).isZero();
        assertThat(count("no_payment_data", "chinook.invoice_line")).isZero();
        assertThat(count("no_payment_data", "public.rental")).isEqualTo(count("source", "public.rental")).isPositive();
        assertThat(count("no_payment_data", "chinook.invoice")).isEqualTo(412);
    }

    @Test
    void schemaOnlyThenDataOnlyDumpsTogetherRebuildTheSource() throws IOException, SQLException {
        Path schema = dir.resolve("schema.sql");
        Path data = dir.resolve("data.sql");
        // Chinook: Pagila's store and staff reference each other, which no data-only script loads with the keys on.
        Tusk.Result schemaDump = Tusk.run("dump", "-s", "-f", schema.toString(), pg.uri("chinook_only"));
        Tusk.Result dataDump = Tusk.run("dump", "-a", "-f", data.toString(), pg.uri("chinook_only"));
        assertThat(schemaDump.exitCode()).as(schemaDump.toString()).isZero();
        assertThat(dataDump.exitCode()).as(dataDump.toString()).isZero();
        assertThat(Files.readString(schema)).doesNotContain("COPY public.");
        assertThat(Files.readString(data)).contains("COPY public.track").doesNotContain("CREATE TABLE");
        pg.createDatabase("split");

        SampleDatabases.psql(pg, "split", schema, null);
        assertThat(count("split", "public.track")).as("rows after the schema-only dump").isZero();
        SampleDatabases.psql(pg, "split", data, null);

        DatabaseComparator.assertIdentical(pg, "chinook_only", "split");
    }

    @Test
    void createOptionMakesPsqlCreateTheDatabaseFromPostgres() {
        pg.execute("postgres", "CREATE DATABASE createme TEMPLATE source");
        Path script = dir.resolve("create.sql");
        Tusk.Result dump = Tusk.run("dump", "-C", "-f", script.toString(), pg.uri("createme"));
        assertThat(dump.exitCode()).as(dump.toString()).isZero();
        pg.dropDatabase("createme");

        SampleDatabases.psql(pg, "postgres", script, null);

        DatabaseComparator.assertIdentical(pg, "source", "createme");
    }

    @Test
    void cleanIfExistsScriptRunsTwiceOverTheSameDatabaseWithoutErrors() {
        Path script = dir.resolve("clean.sql");
        Tusk.Result dump = Tusk.run("dump", "-c", "--if-exists", "-f", script.toString(), pg.uri("source"));
        assertThat(dump.exitCode()).as(dump.toString()).isZero();
        pg.createDatabase("cleaned");

        SampleDatabases.psql(pg, "cleaned", script, null);
        SampleDatabases.psql(pg, "cleaned", script, null);

        DatabaseComparator.assertIdentical(pg, "source", "cleaned");
    }

    @ParameterizedTest(name = "-F{0}")
    @ValueSource(strings = {"c", "d", "t"})
    void noSyncArchivesAreCompleteAndRestoreIdentically(String format) throws IOException {
        Path archive = dir.resolve("no-sync." + format);
        Tusk.Result dump = Tusk.run("dump", "--no-sync", "-F" + format, "-f", archive.toString(), pg.uri("chinook_only"));
        assertThat(dump.exitCode()).as(dump.toString()).isZero();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly(archive.getFileName().toString());
        }
        String target = "from_no_sync_" + format;
        pg.createDatabase(target);

        Tusk.Result restore = Tusk.run("restore", "-d", pg.uri(target), archive.toString());

        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        DatabaseComparator.assertIdentical(pg, "chinook_only", target);
    }

    @Test
    void noSyncPlainScriptIsTheSameScript() throws IOException {
        Path synced = dir.resolve("synced.sql");
        Path unsynced = dir.resolve("unsynced.sql");
        assertThat(Tusk.run("dump", "-f", synced.toString(), pg.uri("chinook_only")).exitCode()).isZero();
        assertThat(Tusk.run("dump", "--no-sync", "-f", unsynced.toString(), pg.uri("chinook_only")).exitCode()).isZero();

        assertThat(Files.readString(unsynced)).contains("CREATE TABLE public.artist").isEqualTo(Files.readString(synced));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--inserts", "--column-inserts"})
    void insertStatementsRestoreIdentically(String option) throws IOException {
        Path script = dir.resolve("inserts.sql");
        Tusk.Result dump = Tusk.run("dump", option, "-f", script.toString(), pg.uri("chinook_only"));
        assertThat(dump.exitCode()).as(dump.toString()).isZero();
        String text = Files.readString(script);
        assertThat(text).doesNotContain("COPY public.");
        // pg_dump writes numbers bare (1); Tusk quotes them ('1'), which PostgreSQL reads alike.
        assertThat(text).containsPattern(option.equals("--column-inserts")
                ? "INSERT INTO public.artist \\(artist_id, name\\) VALUES \\('?1'?, 'AC/DC'\\);"
                : "INSERT INTO public.artist VALUES \\('?1'?, 'AC/DC'\\);");
        String target = option.equals("--inserts") ? "from_inserts" : "from_column_inserts";
        pg.createDatabase(target);

        SampleDatabases.psql(pg, target, script, null);

        DatabaseComparator.assertIdentical(pg, "chinook_only", target);
    }

    @Test
    void listedEntriesEditedWithUseListRestoreOnlyTheKeptEntries() throws IOException, SQLException {
        Tusk.Result list = Tusk.run("restore", "-l", sourceArchive.toString());
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.stdout()).contains(";     dbname: source", "; Selected TOC Entries:")
                .containsPattern("(?m)^\\d+; \\d+ \\d+ TABLE public film postgres$")
                .containsPattern("(?m)^\\d+; \\d+ \\d+ TABLE DATA public film postgres$");
        // chinook.artist with its schema, and its serial sequence, which the column's default needs.
        Pattern kept = Pattern.compile("^\\d+; \\d+ \\d+ (SCHEMA - chinook|[A-Z ]+ chinook artist[ _]).*");
        List<String> edited = list.stdout().lines()
                .map(l -> l.startsWith(";") || kept.matcher(l).matches() ? l : ";" + l)
                .toList();
        assertThat(edited).filteredOn(l -> !l.startsWith(";")).hasSizeGreaterThanOrEqualTo(3);
        Path useList = dir.resolve("artist.list");
        Files.write(useList, edited);
        pg.createDatabase("only_artist");

        Tusk.Result restore = Tusk.run("restore", "-L", useList.toString(), "-d", pg.uri("only_artist"), sourceArchive.toString());

        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(userTables("only_artist")).containsExactly("chinook.artist");
        assertThat(count("only_artist", "chinook.artist")).isEqualTo(275);
    }

    @Test
    void singleTransactionWithExitOnErrorStopsAtTheFirstErrorAndLeavesNothing() throws SQLException {
        pg.createDatabase("clash_single");
        pg.execute("clash_single", "CREATE TABLE public.actor (x int)");

        Tusk.Result restore = Tusk.run("restore", "-1", "-e", "-d", pg.uri("clash_single"), sourceArchive.toString());

        assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(1);
        assertThat(restore.stderrLines()).as(restore.stderr()).filteredOn(l -> l.startsWith("tusk restore:"))
                .singleElement().asString()
                .startsWith("tusk restore: error: ")
                .contains("TABLE public actor", "already exists");
        assertThat(userTables("clash_single")).as("the transaction is rolled back").containsExactly("public.actor");
    }

    @Test
    void withoutExitOnErrorTheRestoreGoesOnAndCountsTheErrors() throws SQLException {
        pg.createDatabase("clash_many");
        pg.execute("clash_many", "CREATE TABLE public.actor (x int)");

        Tusk.Result restore = Tusk.run("restore", "-d", pg.uri("clash_many"), sourceArchive.toString());

        assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(1);
        assertThat(restore.stderr()).contains("actor");
        assertThat(restore.stderrLines().get(restore.stderrLines().size() - 1))
                .matches("tusk restore: warning: errors ignored on restore: [1-9][0-9]*");
        assertThat(count("clash_many", "public.film")).isEqualTo(1000);
        assertThat(count("clash_many", "chinook.album")).isEqualTo(347);
        assertThat(count("clash_many", "public.actor")).as("the clashing table keeps its own rows").isZero();
    }

    @Test
    void versionAndHelpExitZeroWithTheirText() {
        Tusk.Result version = Tusk.run("--version");
        Tusk.Result help = Tusk.run("--help");
        Tusk.Result dumpHelp = Tusk.run("dump", "-?");
        Tusk.Result restoreHelp = Tusk.run("restore", "--help");

        assertThat(version.exitCode()).isZero();
        assertThat(version.stdout()).startsWith("tusk " + Main.VERSION);
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("Usage: tusk", "dump", "restore", "demo");
        assertThat(dumpHelp.exitCode()).isZero();
        assertThat(dumpHelp.stdout()).contains("Usage: tusk dump", "--lock-wait-timeout", "--exclude-table-data", "DBNAME");
        assertThat(restoreHelp.exitCode()).isZero();
        assertThat(restoreHelp.stdout()).contains("Usage: tusk restore", "--use-list", "--exit-on-error", "FILE");
        assertThat(version.stderr() + help.stderr() + dumpHelp.stderr() + restoreHelp.stderr()).isEmpty();
    }

    @Test
    void demoRunsTheWholeJobAndSaysOk() {
        Tusk.Result demo = Tusk.run("demo", "--server-major", Integer.toString(MAJOR));

        assertThat(demo.exitCode()).as(demo.toString()).isZero();
        assertThat(demo.stdout()).contains("tusk demo: OK: pagila_restored equals pagila");
    }

    private static long count(String database, String table) throws SQLException {
        try (Connection c = pg.connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> userTables(String database) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = pg.connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                     + " WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    @Test
    void aNamedPipeOrSymlinkGivenAsOutputIsWrittenThroughNotReplaced() throws Exception {
        // Writing through a temporary file and renaming it must never replace a special file (such as /dev/null)
        // or a symlink with a regular file.
        Path fifo = dir.resolve("archive.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        java.util.concurrent.CompletableFuture<byte[]> drained = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (java.io.InputStream in = Files.newInputStream(fifo)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Tusk.Result dump = Tusk.run("dump", "-Fc", "-f", fifo.toString(), pg.uri("chinook_only"));
        assertThat(dump.exitCode()).as(dump.toString()).isZero();
        assertThat(new String(drained.get(60, java.util.concurrent.TimeUnit.SECONDS), 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo("PGDMP");
        assertThat(Files.isRegularFile(fifo)).as("the pipe is still a pipe").isFalse();

        Path real = dir.resolve("real.sql");
        Path link = dir.resolve("link.sql");
        Files.createSymbolicLink(link, real);
        Tusk.Result plain = Tusk.run("dump", "-s", "-f", link.toString(), pg.uri("chinook_only"));
        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).contains("CREATE TABLE public.album");
    }
}
