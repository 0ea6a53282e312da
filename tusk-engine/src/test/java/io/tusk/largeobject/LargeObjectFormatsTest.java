package io.tusk.largeobject;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.archive.ArchiveReader;
import io.tusk.archive.Archives;
import io.tusk.dump.DumpOptions;
import io.tusk.dump.Dumper;
import io.tusk.embedded.EmbeddedPostgres;
import io.tusk.restore.RestoreOptions;
import io.tusk.restore.Restorer;
import io.tusk.testing.DatabaseComparator;
import io.tusk.testing.StockClient;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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
 * Large objects (empty, small with a comment, over 1 MB with an owner and a privilege, one with an oid above 2^31)
 * in every format: Tusk's dumps restore identically with Tusk and with stock pg_restore (psql for plain), and stock
 * pg_dump's archives restore identically with Tusk.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeObjectFormatsTest {
    static final int[] MAJORS = {15, 18};

    private final List<EmbeddedPostgres> servers = new ArrayList<>();
    private final AtomicInteger databases = new AtomicInteger();

    @TempDir
    Path dir;

    @BeforeAll
    void startServers() throws Exception {
        for (int major : MAJORS) {
            EmbeddedPostgres pg = EmbeddedPostgres.start(major);
            pg.createDatabase("source");
            try (Connection c = pg.connect("source"); Statement s = c.createStatement()) {
                s.execute("DO $$ BEGIN CREATE ROLE lo_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
                s.execute("DO $$ BEGIN CREATE ROLE lo_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
                s.execute("CREATE TABLE t (id int PRIMARY KEY, doc oid)");
                s.execute("SELECT lo_from_bytea(5001, ''::bytea)");
                s.execute("SELECT lo_from_bytea(5002, convert_to(E'a small one\\nwith two lines', 'UTF8'))");
                // 1.5 MB that do not compress to nothing: md5 chains
                s.execute("SELECT lo_from_bytea(5003, (SELECT string_agg(decode(md5(i::text), 'hex'), ''::bytea)"
                        + " FROM generate_series(1, 98304) i))");
                s.execute("SELECT lo_from_bytea(3000000000, '\\x00ff00'::bytea)");
                s.execute("ALTER LARGE OBJECT 5003 OWNER TO lo_owner");
                s.execute("GRANT SELECT ON LARGE OBJECT 5003 TO lo_reader");
                s.execute("COMMENT ON LARGE OBJECT 5002 IS 'small'");
                s.execute("INSERT INTO t VALUES (1, 5002), (2, 5003)");
            }
            servers.add(pg);
        }
    }

    @AfterAll
    void stopServers() {
        servers.forEach(EmbeddedPostgres::close);
    }

    private EmbeddedPostgres server(int major) {
        return servers.get(major == MAJORS[0] ? 0 : 1);
    }

    Stream<Arguments> tuskDumps() {
        List<Arguments> cases = new ArrayList<>();
        for (int major : MAJORS) {
            for (String format : List.of("c", "d", "t", "p")) {
                // zstd needs archive 1.15+, which stock pg_restore 15 cannot read
                List<String> codecs = format.equals("t") || format.equals("p") ? List.of("none")
                        : major >= 17 ? List.of("none", "gzip", "zstd") : List.of("none", "gzip");
                for (String codec : codecs) {
                    cases.add(Arguments.of(major, format, codec));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "Tusk dump {0} -F{1} -Z {2}")
    @MethodSource("tuskDumps")
    void tuskDumpRestoresIdenticallyWithTuskAndStock(int major, String format, String codec) throws Exception {
        EmbeddedPostgres pg = server(major);
        String name = "tusk" + databases.incrementAndGet();
        DumpOptions options = new DumpOptions();
        options.format = switch (format) {
            case "c" -> DumpOptions.Format.CUSTOM;
            case "d" -> DumpOptions.Format.DIRECTORY;
            case "t" -> DumpOptions.Format.TAR;
            default -> DumpOptions.Format.PLAIN;
        };
        options.compression = io.tusk.archive.Compression.parse(codec);
        options.file = dir.resolve(name + "." + format);
        try (Connection c = pg.connect("source")) {
            new Dumper(options).dump(c, OutputStream.nullOutputStream());
        }
        int client = major >= 17 ? major : 15;
        if (format.equals("p")) {
            pg.createDatabase(name + "_psql");
            StockClient.of(client).tool("psql").args("-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", options.file.toString(),
                    pg.uri(name + "_psql")).run();
            DatabaseComparator.assertIdentical(pg, "source", name + "_psql");
            return;
        }
        pg.createDatabase(name + "_tusk");
        try (ArchiveReader reader = Archives.open(options.file); Connection c = pg.connect(name + "_tusk")) {
            assertThat(Restorer.toDatabase(reader, new RestoreOptions(), c, pg::connect, System.err, "tusk restore")).isZero();
        }
        DatabaseComparator.assertIdentical(pg, "source", name + "_tusk");

        pg.createDatabase(name + "_stock");
        StockClient.of(client).tool("pg_restore").args("--exit-on-error", "-d", pg.uri(name + "_stock"), options.file.toString()).run();
        DatabaseComparator.assertIdentical(pg, "source", name + "_stock");
    }

    Stream<Arguments> stockDumps() {
        List<Arguments> cases = new ArrayList<>();
        for (int major : MAJORS) {
            for (String format : List.of("c", "d")) {
                for (String codec : List.of("0", "gzip")) {
                    cases.add(Arguments.of(major, format, codec));
                }
            }
            cases.add(Arguments.of(major, "t", "0"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "pg_dump {0} -F{1} -Z {2}")
    @MethodSource("stockDumps")
    void stockDumpRestoresIdenticallyWithTusk(int major, String format, String codec) throws Exception {
        EmbeddedPostgres pg = server(major);
        String name = "stock" + databases.incrementAndGet();
        Path archive = dir.resolve(name + "." + format);
        List<String> dumpArgs = new ArrayList<>(List.of("-F" + format, "-f", archive.toString(), pg.uri("source")));
        if (!format.equals("t")) {
            dumpArgs.add(0, codec.equals("0") ? "-Z0" : major == 15 ? "-Z6" : "-Z" + codec);
        }
        StockClient.of(major).tool("pg_dump").args(dumpArgs).run();
        pg.createDatabase(name);
        try (ArchiveReader reader = Archives.open(archive); Connection c = pg.connect(name)) {
            assertThat(Restorer.toDatabase(reader, new RestoreOptions(), c, pg::connect, System.err, "tusk restore")).isZero();
        }
        DatabaseComparator.assertIdentical(pg, "source", name);
    }
}
