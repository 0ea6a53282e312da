package io.tusk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tusk.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Proves the kit: every sample loads on the oldest, a middle and the newest major, stock pg_dump -Fc and
 * pg_restore reproduce it, and the comparator agrees, yet notices one changed row or one changed comment.
 */
class StockRoundTripTest {
    private static final Map<Integer, Fixture> FIXTURES = new ConcurrentHashMap<>();

    /** One server per major with {@code source} (all samples) and {@code restored} (stock pg_restore of its dump). */
    private record Fixture(EmbeddedPostgres pg) {
        static Fixture load(int major) {
            EmbeddedPostgres pg = EmbeddedPostgres.start(major);
            pg.createDatabase("source");
            SampleDatabases.loadPagila(pg, "source");
            SampleDatabases.loadChinook(pg, "source", "chinook");
            SampleDatabases.loadAllObjects(pg, "source");
            Path dump = null;
            try {
                dump = Files.createTempFile("tusk-stock-" + major + "-", ".dump");
                StockClient client = StockClient.forServer(major);
                client.tool("pg_dump").args("-Fc", "-f", dump.toString(), pg.uri("source")).run();
                pg.createDatabase("restored");
                client.tool("pg_restore").args("--exit-on-error", "-d", pg.uri("restored"), dump.toString()).run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                if (dump != null) {
                    dump.toFile().delete();
                }
            }
            return new Fixture(pg);
        }

        /** A copy of {@code restored} to spoil: CREATE DATABASE copies its template's files, faster than a restore. */
        String copyOfRestored(String name) {
            pg.execute("postgres", "CREATE DATABASE " + name + " TEMPLATE restored");
            return name;
        }
    }

    private static Fixture fixture(int major) {
        return FIXTURES.computeIfAbsent(major, Fixture::load);
    }

    @AfterAll
    static void stopServers() {
        FIXTURES.values().forEach(f -> f.pg().close());
        FIXTURES.clear();
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {12, 15, 18})
    void stockDumpAndRestoreOfAllSamplesComparesIdentical(int major) {
        Fixture f = fixture(major);

        Comparison result = DatabaseComparator.compare(f.pg(), "source", "restored");

        assertThat(result.identical()).as(result.toString()).isTrue();
        assertThat(result.comparedTables()).as("tables compared").isGreaterThan(80);
        DatabaseComparator.assertIdentical(f.pg(), "source", "restored");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {12, 15, 18})
    void oneChangedRowIsReportedWithItsTable(int major) {
        Fixture f = fixture(major);
        String changed = f.copyOfRestored("changed_row");
        f.pg().execute(changed, "UPDATE chinook.album SET title = title || '!' WHERE album_id = 1");

        Comparison result = DatabaseComparator.compare(f.pg(), "source", changed);

        assertThat(result.identical()).isFalse();
        assertThat(result.schemaIdentical()).as(result.diff()).isTrue();
        assertThat(result.differingTables()).singleElement().asString().startsWith("chinook.album (347:");
        assertThatThrownBy(() -> DatabaseComparator.assertIdentical(f.pg(), "source", changed))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("data differs: chinook.album");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {12, 15, 18})
    void oneChangedCommentIsReportedAsASchemaDiff(int major) {
        Fixture f = fixture(major);
        String changed = f.copyOfRestored("changed_comment");
        f.pg().execute(changed, "COMMENT ON TABLE tusk_a.people IS 'changed'");

        Comparison result = DatabaseComparator.compare(f.pg(), "source", changed);

        assertThat(result.differingTables()).isEmpty();
        assertThat(result.schemaDiff()).contains(
                "-COMMENT ON TABLE tusk_a.people IS 'identity, serial, generated and defaults';",
                "+COMMENT ON TABLE tusk_a.people IS 'changed';");
    }
}
