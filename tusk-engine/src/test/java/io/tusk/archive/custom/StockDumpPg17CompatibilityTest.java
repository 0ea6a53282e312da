package io.tusk.archive.custom;

import org.junit.jupiter.api.Test;

/** pg_dump 17 writes archive version 1.16; it also compresses with lz4 and zstd (LZ4 frames of linked blocks, zstd frames). */
class StockDumpPg17CompatibilityTest extends StockDumpCompatibilityTest {
    StockDumpPg17CompatibilityTest() {
        super(17, CustomFormat.V1_16);
    }

    @Test
    void shouldReadLz4AndZstdDumpsAsPgRestoreDoes() throws Exception {
        assertLz4AndZstdDumpsReadAsPgRestoreReadsThem();
    }
}
