package io.tusk.roundtrip;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.archive.Compression;
import io.tusk.dump.DumpOptions;
import io.tusk.dump.Dumper;
import io.tusk.embedded.EmbeddedPostgres;
import io.tusk.testing.DatabaseComparator;
import io.tusk.testing.SampleDatabases;
import io.tusk.testing.StockClient;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No lock-in: stock pg_restore restores what Tusk writes. pg_restore 15 takes Tusk's archives of a 15 server in every
 * format, uncompressed and gzip; pg_restore 17 and 18 take Tusk's lz4 and zstd archives of 16, 17 and 18 servers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StockRestoresTuskArchivesTest {
    static final int[] MAJORS = {15, 16, 17, 18};

    private final Map<Integer, EmbeddedPostgres> servers = new java.util.HashMap<>();
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
            servers.put(major, pg);
        }
    }

    @AfterAll
    void stopServers() {
        servers.values().forEach(EmbeddedPostgres::close);
    }

    Stream<Arguments> archives() {
        List<Arguments> cases = new ArrayList<>();
        for (DumpOptions.Format format : List.of(DumpOptions.Format.CUSTOM, DumpOptions.Format.DIRECTORY)) {
            for (String codec : List.of("none", "gzip")) {
                cases.add(Arguments.of(15, format, codec));
            }
            for (int major : new int[] {16, 17, 18}) {
                for (String codec : List.of("lz4", "zstd")) {
                    cases.add(Arguments.of(major, format, codec));
                }
            }
        }
        cases.add(Arguments.of(15, DumpOptions.Format.TAR, "none"));
        cases.add(Arguments.of(18, DumpOptions.Format.TAR, "none"));
        return cases.stream();
    }

    @ParameterizedTest(name = "PostgreSQL {0}, {1}, {2}")
    @MethodSource("archives")
    void stockPgRestoreRestoresTuskArchivesIdentically(int major, DumpOptions.Format format, String codec) throws Exception {
        EmbeddedPostgres pg = servers.get(major);
        String name = "stock_restore" + databases.incrementAndGet();
        DumpOptions options = new DumpOptions();
        options.format = format;
        options.compression = Compression.parse(codec);
        options.file = dir.resolve(name + "." + format.name().toLowerCase());
        try (Connection c = pg.connect("source")) {
            new Dumper(options).dump(c, OutputStream.nullOutputStream());
        }
        pg.createDatabase(name);
        // No pg_restore 16 here: Tusk writes archive 1.15 for a 16 server, which pg_restore 17 reads; it also sends
        // SET transaction_timeout, which 16 refuses, its only error.
        int client = major == 16 ? 17 : major;
        StockClient.Output out = StockClient.of(client).tool("pg_restore")
                .args(major == 16 ? List.of("-d", pg.uri(name), options.file.toString())
                        : List.of("--exit-on-error", "-d", pg.uri(name), options.file.toString()))
                .acceptExitCodes(major == 16 ? 1 : 0).run();
        if (out.exitCode() != 0) {
            assertThat(out.stderr()).contains("transaction_timeout").contains("errors ignored on restore: 1");
        }
        DatabaseComparator.assertIdentical(pg, "source", name);
        pg.dropDatabase(name);
    }
}
