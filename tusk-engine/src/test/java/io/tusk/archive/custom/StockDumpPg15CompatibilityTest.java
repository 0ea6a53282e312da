package io.tusk.archive.custom;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.archive.ArchiveEntry;
import io.tusk.archive.ArchiveReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** pg_dump 15 writes archive version 1.14, the version Tusk writes. */
class StockDumpPg15CompatibilityTest extends StockDumpCompatibilityTest {
    /** Where tm_isdst sits in a 1.14 header: magic, 3 version bytes, 3 size/format bytes, the level and 6 ints. */
    private static final int ISDST_OFFSET = 5 + 3 + 3 + 5 + 6 * 5;

    StockDumpPg15CompatibilityTest() {
        super(15, CustomFormat.V1_14);
    }

    @Test
    void shouldSetTheDataOffsetInAFileAsPgDumpDoes() throws Exception {
        pg.createDatabase("one");
        pg.execute("one", "CREATE TABLE public.only_data (a integer); INSERT INTO public.only_data VALUES (1), (2);");
        Path stockFile = dir.resolve("stock-one.dump");
        StockClient.run(15, "pg_dump", "-Fc", "-Z0", "-f", stockFile.toString(), pg.uri("one"));
        Path tuskFile = dir.resolve("tusk-one.dump");
        long dataStart;
        try (CustomArchiveReader reader = CustomArchiveReader.open(stockFile)) {
            assertThat(reader.hasDataOffsets()).isTrue();
            dataStart = reader.dataStart();
            new CustomArchiveWriter(tuskFile).write(reader.header(), reader.entries(), (entry, sink) -> {
                try (InputStream rows = reader.openData(entry)) {
                    rows.transferTo(sink);
                }
            });
        }
        byte[] stock = Files.readAllBytes(stockFile);
        byte[] tusk = Files.readAllBytes(tuskFile);

        // one data block, right after the TOC in both: its offset (flag 2, position) must be the same bytes
        Arrays.fill(stock, ISDST_OFFSET, ISDST_OFFSET + 5, (byte) 0);
        Arrays.fill(tusk, ISDST_OFFSET, ISDST_OFFSET + 5, (byte) 0);
        assertThat(Arrays.copyOf(tusk, (int) dataStart)).isEqualTo(Arrays.copyOf(stock, (int) dataStart));
    }

    @Test
    void shouldWriteTheSameHeaderAndTableOfContentsAsPgDump() throws Exception {
        pg.createDatabase("same");
        pg.execute("same", """
                CREATE SCHEMA s;
                CREATE TABLE s.t (a integer PRIMARY KEY, b text);
                INSERT INTO s.t VALUES (1, E'tab\\there'), (2, NULL), (3, 'é');
                CREATE TABLE public.empty (x integer);
                COMMENT ON TABLE s.t IS 'same bytes';
                CREATE FUNCTION s.f(integer) RETURNS integer LANGUAGE sql AS 'SELECT $1';
                """);
        // to a pipe, so pg_dump leaves the offsets unset, as Tusk does on a stream
        byte[] stock = StockClient.run(15, "pg_dump", "-Fc", "-Z0", pg.uri("same")).stdout();

        ByteArrayOutputStream tuskArchive = new ByteArrayOutputStream();
        long dataStart;
        try (CustomArchiveReader reader = CustomArchiveReader.open(new ByteArrayInputStream(stock))) {
            dataStart = reader.dataStart();
            new CustomArchiveWriter(tuskArchive).write(reader.header(), reader.entries(), (entry, sink) -> {
                try (InputStream rows = reader.openData(entry)) {
                    rows.transferTo(sink);
                }
            });
        }
        byte[] tusk = tuskArchive.toByteArray();

        // tm_isdst comes from each program's time zone; everything else up to the data must be byte for byte the same
        Arrays.fill(stock, ISDST_OFFSET, ISDST_OFFSET + 5, (byte) 0);
        Arrays.fill(tusk, ISDST_OFFSET, ISDST_OFFSET + 5, (byte) 0);
        assertThat(Arrays.copyOf(tusk, (int) dataStart)).isEqualTo(Arrays.copyOf(stock, (int) dataStart));
        // pg_dump -Z0 writes a chunk per row, Tusk fills 64 KiB chunks: the data reads back the same
        try (ArchiveReader fromTusk = CustomArchiveReader.open(new ByteArrayInputStream(tusk));
                ArchiveReader fromStock = CustomArchiveReader.open(new ByteArrayInputStream(stock))) {
            for (ArchiveEntry e : fromStock.entries()) {
                if (e.hasData()) {
                    assertThat(CustomArchiveRoundTripTest.readAll(fromTusk, e))
                            .isEqualTo(CustomArchiveRoundTripTest.readAll(fromStock, e));
                }
            }
        }
    }
}
