package io.tusk.testing;

import io.tusk.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Loads sample schemas and rows into a database of an {@link EmbeddedPostgres}, through stock psql 15
 * ({@code -X -q -v ON_ERROR_STOP=1}), which talks to servers 12 to 18.
 *
 * <ul>
 *   <li>{@link #loadPagila}: the shared Pagila sample (partitioned table, domains, enums, triggers, a materialized view).</li>
 *   <li>{@link #loadChinook}: the shared Chinook sample, about 15,000 rows.</li>
 *   <li>{@link #loadAllObjects}: {@code all-objects.sql} of this package, every object kind a dump must reproduce,
 *       plus {@code all-objects-NN.sql} for each major NN up to the server's.</li>
 * </ul>
 */
public final class SampleDatabases {
    private static final int PSQL_MAJOR = 15;
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(3);
    /** Chinook creates and connects to its own database first; a loader chooses the database itself. */
    private static final Pattern CHINOOK_DATABASE_LINE = Pattern.compile("^\\s*(DROP DATABASE|CREATE DATABASE|\\\\c(onnect)?\\s).*",
            Pattern.CASE_INSENSITIVE);
    private static final int FIRST_VERSIONED_MAJOR = 13;

    private SampleDatabases() {
    }

    /**
     * Pagila into schema {@code public}: the real schema on 18 (virtual generated column, {@code uuidv7()}),
     * the portable one on 12 to 17, then the rows.
     */
    public static void loadPagila(EmbeddedPostgres pg, String database) {
        String schema = pg.major() >= 18 ? "pagila-schema.sql" : "pagila-schema-portable.sql";
        psql(pg, database, samplesDir().resolve(schema), null);
        psql(pg, database, samplesDir().resolve("pagila-data.sql"), null);
    }

    /** Chinook into schema {@code public}. Its {@code customer} table collides with Pagila's: see {@link #loadChinook(EmbeddedPostgres, String, String)}. */
    public static void loadChinook(EmbeddedPostgres pg, String database) {
        loadChinook(pg, database, "public");
    }

    /** Chinook into {@code schema}, created when missing: the file names its tables without a schema. */
    public static void loadChinook(EmbeddedPostgres pg, String database, String schema) {
        pg.execute(database, "CREATE SCHEMA IF NOT EXISTS " + quoteIdent(schema));
        Path stripped = tempFile("chinook-", ".sql");
        try {
            List<String> lines = Files.readAllLines(samplesDir().resolve("chinook.sql"), StandardCharsets.UTF_8);
            Files.writeString(stripped, lines.stream()
                    .filter(l -> !CHINOOK_DATABASE_LINE.matcher(l).matches())
                    .collect(Collectors.joining("\n", "", "\n")), StandardCharsets.UTF_8);
            psql(pg, database, stripped, "-c search_path=" + quoteIdent(schema).replace(" ", "\\ "));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            stripped.toFile().delete();
        }
    }

    /**
     * The kit's own schema of every object kind: {@code all-objects.sql}, then each {@code all-objects-NN.sql}
     * with NN up to the server's major. Creates the cluster-wide roles tusk_owner, tusk_reader, tusk_writer
     * unless they exist.
     */
    public static void loadAllObjects(EmbeddedPostgres pg, String database) {
        for (String resource : allObjectsFiles(pg.major())) {
            Path file = tempFile("all-objects-", ".sql");
            try (InputStream in = SampleDatabases.class.getResourceAsStream(resource)) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                psql(pg, database, file, null);
            } catch (IOException e) {
                throw new UncheckedIOException("could not load " + resource + ": " + e.getMessage(), e);
            } finally {
                file.toFile().delete();
            }
        }
    }

    /** The resources {@link #loadAllObjects} runs on a server of this major, in order. */
    static List<String> allObjectsFiles(int major) {
        List<String> files = new java.util.ArrayList<>(List.of("all-objects.sql"));
        for (int m = FIRST_VERSIONED_MAJOR; m <= major; m++) {
            if (SampleDatabases.class.getResource("all-objects-" + m + ".sql") != null) {
                files.add("all-objects-" + m + ".sql");
            }
        }
        return files;
    }

    /** Runs one SQL file with stock psql, stopping at the first error. */
    public static void psql(EmbeddedPostgres pg, String database, Path sqlFile, String pgOptions) {
        StockClient.Invocation run = StockClient.of(PSQL_MAJOR).tool("psql")
                .args("-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", pg.uri(database), "-f", sqlFile.toString())
                .stdout(Path.of("/dev/null"))
                .timeout(LOAD_TIMEOUT);
        if (pgOptions != null) {
            run.env("PGOPTIONS", pgOptions);
        }
        run.run();
    }

    static Path samplesDir() {
        return StockClient.sharedDir().resolve("samples");
    }

    private static Path tempFile(String prefix, String suffix) {
        try {
            return Files.createTempFile(prefix, suffix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quoteIdent(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
