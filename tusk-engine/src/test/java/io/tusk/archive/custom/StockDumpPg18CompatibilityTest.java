package io.tusk.archive.custom;

import org.junit.jupiter.api.Test;

/** pg_dump 18 writes archive version 1.16; it can also compress with lz4 and zstd. */
class StockDumpPg18CompatibilityTest extends StockDumpCompatibilityTest {
    StockDumpPg18CompatibilityTest() {
        super(18, CustomFormat.V1_16);
    }

    @Test
    void shouldListLz4AndZstdDumpsButRefuseTheirData() throws Exception {
        assertLz4AndZstdListButAreNotSupportedYet();
    }
}
