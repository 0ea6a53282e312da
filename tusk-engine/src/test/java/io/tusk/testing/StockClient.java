package io.tusk.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The stock PostgreSQL client tools (pg_dump, pg_restore, psql) of one major version: the reference
 * Tusk is compared against.
 *
 * <p>15 is the machine's own client in {@code /usr/lib/postgresql/15/bin}; 17 and 18 run through
 * {@code tools/stock-pg-client} of the shared directory (system property {@code tusk.shared.dir}, set by
 * surefire), which downloads them on first use.
 *
 * <pre>{@code
 * StockClient.forServer(pg.major()).tool("pg_dump").args("-Fc", "-f", file.toString(), pg.uri("src")).run();
 * }</pre>
 */
public final class StockClient {
    /** The majors with a stock client on this machine. */
    public static final List<Integer> MAJORS = List.of(15, 17, 18);
    private static final Path LOCAL_BIN = Paths.get("/usr/lib/postgresql/15/bin");

    private final int major;

    private StockClient(int major) {
        this.major = major;
    }

    public static StockClient of(int major) {
        if (!MAJORS.contains(major)) {
            throw new IllegalArgumentException("no stock PostgreSQL client " + major + ": there are " + MAJORS);
        }
        return new StockClient(major);
    }

    /**
     * The oldest stock client whose pg_dump can dump a server of this major: pg_dump refuses servers newer
     * than itself, and a newer client only adds noise (12-15 → 15, 16-17 → 17, 18 → 18).
     *
     * <p>Stock pg_restore 17 (17.12) sends {@code SET transaction_timeout = 0} to a 16 server, which does not know
     * it: that one error is ignored without {@code --exit-on-error}, yet pg_restore exits 1, so accept that with
     * {@link Invocation#acceptExitCodes}.
     */
    public static StockClient forServer(int serverMajor) {
        for (int m : MAJORS) {
            if (m >= serverMajor) {
                return new StockClient(m);
            }
        }
        throw new IllegalArgumentException("no stock pg_dump can dump a PostgreSQL " + serverMajor
                + " server: the newest stock client is " + MAJORS.get(MAJORS.size() - 1));
    }

    public int major() {
        return major;
    }

    /** A run of one tool ({@code pg_dump}, {@code pg_restore}, {@code psql}...), to be configured, then {@link Invocation#run()}. */
    public Invocation tool(String name) {
        return new Invocation(name);
    }

    /** The shared directory of tools and samples: {@code ../shared} next to the repository root. */
    static Path sharedDir() {
        String dir = System.getProperty("tusk.shared.dir");
        if (dir == null) {
            throw new IllegalStateException("system property tusk.shared.dir is not set: surefire sets it to ../shared "
                    + "next to the repository root; set it when running tests elsewhere");
        }
        return Paths.get(dir).toAbsolutePath().normalize();
    }

    private List<String> commandLine(String tool) {
        if (major == 15) {
            return List.of(LOCAL_BIN.resolve(tool).toString());
        }
        return List.of(sharedDir().resolve("tools/stock-pg-client").toString(), Integer.toString(major), tool);
    }

    /** What a finished tool wrote; {@code stdout} is empty when it went to a file. */
    public record Output(int exitCode, String stdout, String stderr) {
    }

    public final class Invocation {
        private final String tool;
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path stdin;
        private Path stdout;
        private Duration timeout = Duration.ofMinutes(5);
        private final Set<Integer> acceptedExitCodes = new HashSet<>(Set.of(0));

        private Invocation(String tool) {
            this.tool = tool;
        }

        public Invocation args(String... more) {
            args.addAll(Arrays.asList(more));
            return this;
        }

        public Invocation args(List<String> more) {
            args.addAll(more);
            return this;
        }

        /** Feeds this file to the tool's standard input (otherwise: none). */
        public Invocation stdin(Path file) {
            this.stdin = file;
            return this;
        }

        /** Writes the tool's standard output to this file instead of {@link Output#stdout()}. */
        public Invocation stdout(Path file) {
            this.stdout = file;
            return this;
        }

        /** An environment variable, e.g. {@code PGOPTIONS}. */
        public Invocation env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** Exit codes besides 0 that count as success, e.g. 1 of pg_restore when it ignored errors. */
        public Invocation acceptExitCodes(Integer... codes) {
            acceptedExitCodes.addAll(Arrays.asList(codes));
            return this;
        }

        public Invocation timeout(Duration limit) {
            this.timeout = limit;
            return this;
        }

        /** Runs the tool; fails with its standard error when its exit code is not accepted or it outlives the timeout. */
        public Output run() {
            List<String> command = new ArrayList<>(commandLine(tool));
            command.addAll(args);
            String shown = "stock " + tool + " " + major + " (" + String.join(" ", args) + ")";
            Path errFile = null;
            Path outFile = null;
            try {
                errFile = Files.createTempFile("tusk-stock-", ".err");
                outFile = stdout != null ? stdout : Files.createTempFile("tusk-stock-", ".out");
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectOutput(outFile.toFile())
                        .redirectError(errFile.toFile());
                builder.redirectInput(stdin != null ? ProcessBuilder.Redirect.from(stdin.toFile()) : ProcessBuilder.Redirect.from(Paths.get("/dev/null").toFile()));
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(shown + " did not finish within " + timeout + "; its stderr so far:\n"
                            + Files.readString(errFile, StandardCharsets.UTF_8));
                }
                String err = Files.readString(errFile, StandardCharsets.UTF_8);
                if (!acceptedExitCodes.contains(process.exitValue())) {
                    throw new IllegalStateException(shown + " failed with exit code " + process.exitValue() + ":\n" + err);
                }
                return new Output(process.exitValue(), stdout != null ? "" : Files.readString(outFile, StandardCharsets.UTF_8), err);
            } catch (IOException e) {
                throw new UncheckedIOException("could not run " + shown + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + shown, e);
            } finally {
                deleteQuietly(errFile);
                if (stdout == null) {
                    deleteQuietly(outFile);
                }
            }
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file left behind is harmless
        }
    }
}
