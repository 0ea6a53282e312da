package io.tusk.archive.custom;

import org.junit.jupiter.api.Test;

/** pg_dump 17 writes archive version 1.16; it can also compress with lz4 and zstd. */
class StockDumpPg17CompatibilityTest extends StockDumpCompatibilityTest {
    StockDumpPg17CompatibilityTest() {
        super(17, CustomFormat.V1_16);
    }

    @Test
    void shouldListLz4AndZstdDumpsButRefuseTheirData() throws Exception {
        assertLz4AndZstdListButAreNotSupportedYet();
    }
}
