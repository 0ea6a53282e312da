package io.tusk.roundtrip;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.archive.ArchiveReader;
import io.tusk.archive.Archives;
import io.tusk.embedded.EmbeddedPostgres;
import io.tusk.restore.RestoreListing;
import io.tusk.restore.RestoreOptions;
import io.tusk.restore.Restorer;
import io.tusk.testing.DatabaseComparator;
import io.tusk.testing.SampleDatabases;
import io.tusk.testing.StockClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tusk reads what stock pg_dump 15, 17 and 18 write, in every format: its listing is stock pg_restore's, and what it
 * restores equals the source.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StockArchivesTest {
    static final int[] MAJORS = {15, 17, 18};

    private final List<EmbeddedPostgres> servers = new ArrayList<>();
    private final AtomicInteger databases = new AtomicInteger();

    @TempDir
    Path dir;

    @BeforeAll
    void startServers() {
        for (int major : MAJORS) {
            EmbeddedPostgres pg = EmbeddedPostgres.start(major);
            pg.createDatabase("source");
            SampleDatabases.loadPagila(pg, "source");
            SampleDatabases.loadChinook(pg, "source", "chinook");
            servers.add(pg);
        }
    }

    @AfterAll
    void stopServers() {
        servers.forEach(EmbeddedPostgres::close);
    }

    Stream<Arguments> archives() {
        List<Arguments> cases = new ArrayList<>();
        for (int major : MAJORS) {
            for (String format : List.of("c", "d")) {
                // pg_dump 16+ also writes lz4 and zstd
                for (String codec : major >= 16 ? List.of("0", "gzip", "lz4", "zstd") : List.of("0", "gzip")) {
                    cases.add(Arguments.of(major, format, codec));
                }
            }
            cases.add(Arguments.of(major, "t", "0"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "pg_dump {0} -F{1} -Z {2}")
    @MethodSource("archives")
    void tuskListsAndRestoresStockArchivesIdentically(int major, String format, String codec) throws Exception {
        EmbeddedPostgres pg = servers.get(major == 15 ? 0 : major == 17 ? 1 : 2);
        String name = "stock" + databases.incrementAndGet();
        Path archive = dir.resolve(name + "." + format);
        List<String> dumpArgs = new ArrayList<>(List.of("-F" + format, "-f", archive.toString(), pg.uri("source")));
        if (!format.equals("t")) {
            // pg_dump 15 takes a gzip level; 16+ also a method name
            dumpArgs.add(0, codec.equals("0") ? "-Z0" : major == 15 && codec.equals("gzip") ? "-Z6" : "-Z" + codec);
        }
        StockClient.of(major).tool("pg_dump").args(dumpArgs).run();
        String stockList = StockClient.of(major).tool("pg_restore").args("-l", archive.toString()).run().stdout();

        pg.createDatabase(name);
        try (ArchiveReader reader = Archives.open(archive); Connection c = pg.connect(name)) {
            assertThat(RestoreListing.list(reader.entries(), new RestoreOptions())).isEqualTo(entryLines(stockList));
            assertThat(Restorer.toDatabase(reader, new RestoreOptions(), c, pg::connect, System.err, "tusk restore")).isZero();
        }
        DatabaseComparator.assertIdentical(pg, "source", name);
        pg.dropDatabase(name);
    }

    private static String entryLines(String listing) {
        return listing.lines().filter(l -> !l.startsWith(";") && !l.isBlank()).map(l -> l + "\n").collect(Collectors.joining());
    }
}
