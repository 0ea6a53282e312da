package io.tusk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the user sees when the server, the credentials, the patterns or the archive are wrong: exit code 1, one line
 * on stderr naming the cause and what to check, no stack trace, and no output file that looks whole.
 */
class BadInputTest {
    private static final String PASSWORD_USER = "tusk_pw";

    private static EmbeddedPostgres pg;
    /** {@code tusk dump -Fc} (gzip) of {@code shop}: public.actor, then public.film, which fills most of the file. */
    private static byte[] archive;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws IOException {
        pg = EmbeddedPostgres.builder(15).passwordUser(PASSWORD_USER, "s3cret").start();
        pg.createDatabase("shop");
        pg.execute("shop", "CREATE TABLE public.actor (id int PRIMARY KEY, name text);"
                + " INSERT INTO public.actor SELECT i, 'actor ' || i FROM generate_series(1, 20) i;"
                + " CREATE TABLE public.film (id int PRIMARY KEY, title text);"
                + " INSERT INTO public.film SELECT i, md5(i::text) || md5((i * 7)::text) FROM generate_series(1, 20000) i");
        Path file = shared.resolve("shop.dump");
        Tusk.Result dump = Tusk.run("dump", "-Fc", "-f", file.toString(), pg.uri("shop"));
        assertThat(dump.exitCode()).as(dump.toString()).isZero();
        archive = Files.readAllBytes(file);
    }

    @AfterAll
    static void stopServer() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void refusedPortSaysToCheckThatTheServerRuns() throws IOException {
        int port = freePort();

        Tusk.Result r = Tusk.run("dump", "postgresql://postgres@127.0.0.1:" + port + "/shop");

        assertOneErrorLine(r, "tusk dump").contains("127.0.0.1", Integer.toString(port), "refused", "is the server running");
    }

    @Test
    void unreachableHostTimesOutNamingTheHost() {
        // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never routed, so the connection times out or finds no route.
        Tusk.Result r = Tusk.run("dump", "host=192.0.2.1 port=5432 user=postgres dbname=shop connect_timeout=1");

        assertOneErrorLine(r, "tusk dump").contains("192.0.2.1").containsPattern("timed out|no route|refused|unreachable");
    }

    @Test
    void unknownHostSaysToCheckTheHostName() {
        Tusk.Result r = Tusk.run("dump", "-h", "no-such-host.invalid", "-p", "5432", "-U", "postgres", "shop");

        assertOneErrorLine(r, "tusk dump").contains("could not translate host name \"no-such-host.invalid\"", "check the host name");
    }

    @Test
    void wrongPasswordSaysWhichUserAndToCheckThePassword() {
        Tusk.Result r = Tusk.run("dump", "-w", "postgresql://" + PASSWORD_USER + ":wrong@127.0.0.1:" + pg.port() + "/shop");

        assertOneErrorLine(r, "tusk dump").contains("password authentication failed for user \"" + PASSWORD_USER + "\"",
                "check the password");
    }

    @Test
    void missingDatabaseIsNamedWithWhatToCheck() {
        Tusk.Result r = Tusk.run("dump", pg.uri("no_such_db"));

        assertOneErrorLine(r, "tusk dump").contains("database \"no_such_db\" does not exist", "check the database name");
    }

    @Test
    void strictNamesNamesThePatternThatMatchedNothing() {
        Tusk.Result r = Tusk.run("dump", "--strict-names", "-t", "film", "-t", "nope", pg.uri("shop"));

        assertOneErrorLine(r, "tusk dump").isEqualTo("tusk dump: error: no matching tables were found for pattern \"nope\"");
        assertThat(r.stdoutBytes()).as("no script on standard output").isEmpty();
    }

    @Test
    void tablePatternMatchingNothingFailsAsPgDumpDoes() {
        Tusk.Result r = Tusk.run("dump", "-t", "nope", pg.uri("shop"));

        assertOneErrorLine(r, "tusk dump").isEqualTo("tusk dump: error: no matching tables were found");
        assertThat(r.stdoutBytes()).isEmpty();
    }

    @ParameterizedTest(name = "-F{0}")
    @ValueSource(strings = {"p", "c"})
    void lockWaitTimeoutFailsTheDumpAndLeavesNoOutputFile(String format) throws SQLException, IOException {
        Path out = dir.resolve("shop." + format);
        try (Connection holder = pg.connect("shop"); Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("LOCK TABLE public.film IN ACCESS EXCLUSIVE MODE");

            Tusk.Result r = Tusk.run("dump", "-F" + format, "--lock-wait-timeout=1s", "-f", out.toString(), pg.uri("shop"));

            assertOneErrorLine(r, "tusk dump").contains("--lock-wait-timeout=1s", "lock", "retry later or raise the timeout");
            holder.rollback();
        }
        assertThat(out).doesNotExist();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("files left in the output directory").isEmpty();
        }
    }

    @Test
    void truncatedArchiveNamesTheEntryAndLeavesNoScript() throws IOException {
        Path truncated = dir.resolve("truncated.dump");
        Files.write(truncated, Arrays.copyOf(archive, archive.length / 2));
        Path script = dir.resolve("out.sql");

        Tusk.Result toScript = Tusk.run("restore", "-f", script.toString(), truncated.toString());
        pg.createDatabase("from_truncated");
        Tusk.Result toDatabase = Tusk.run("restore", "-d", pg.uri("from_truncated"), truncated.toString());

        assertOneErrorLine(toScript, "tusk restore").contains("TABLE DATA public.film", "truncated");
        assertOneErrorLine(toDatabase, "tusk restore").contains("TABLE DATA public.film", "truncated");
        assertThat(script).doesNotExist();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactly(truncated);
        }
    }

    @Test
    void flippedByteInACompressedDataBlockNamesTheEntryAndLeavesNoScript() throws IOException {
        byte[] spoiled = archive.clone();
        spoiled[spoiled.length / 2] ^= 0x20;
        Path corrupt = dir.resolve("corrupt.dump");
        Files.write(corrupt, spoiled);
        Path script = dir.resolve("out.sql");

        Tusk.Result toScript = Tusk.run("restore", "-f", script.toString(), corrupt.toString());
        pg.createDatabase("from_corrupt");
        Tusk.Result toDatabase = Tusk.run("restore", "-d", pg.uri("from_corrupt"), corrupt.toString());

        assertOneErrorLine(toScript, "tusk restore").contains("TABLE DATA public.film");
        assertOneErrorLine(toDatabase, "tusk restore").contains("TABLE DATA public.film");
        assertThat(script).doesNotExist();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactly(corrupt);
        }
    }

    @Test
    void plainScriptGivenToRestoreSaysToUsePsql() {
        Path plain = dir.resolve("shop.sql");
        Tusk.Result dump = Tusk.run("dump", "-f", plain.toString(), pg.uri("shop"));
        assertThat(dump.exitCode()).as(dump.toString()).isZero();

        Tusk.Result r = Tusk.run("restore", "-d", pg.uri("postgres"), plain.toString());

        assertOneErrorLine(r, "tusk restore").contains("\"" + plain + "\"", "appears to be a text format dump", "psql");
    }

    @Test
    void missingArchiveFileIsNamed() {
        Path missing = dir.resolve("missing.dump");

        Tusk.Result r = Tusk.run("restore", "-d", pg.uri("postgres"), missing.toString());

        assertOneErrorLine(r, "tusk restore").contains("\"" + missing + "\"", "no such file");
    }

    /** Exit code 1 and exactly one line on stderr, {@code <program>: error: ...}, without a stack trace. */
    private static AbstractStringAssert<?> assertOneErrorLine(Tusk.Result r, String program) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        List<String> lines = r.stderrLines();
        assertThat(lines).as(r.stderr()).hasSize(1);
        return assertThat(lines.get(0)).startsWith(program + ": error: ");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
