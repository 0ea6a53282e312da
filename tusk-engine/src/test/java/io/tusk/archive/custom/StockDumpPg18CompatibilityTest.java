package io.tusk.archive.custom;

import org.junit.jupiter.api.Test;

/** pg_dump 18 writes archive version 1.16; it also compresses with lz4 and zstd (LZ4 frames of linked blocks, zstd frames). */
class StockDumpPg18CompatibilityTest extends StockDumpCompatibilityTest {
    StockDumpPg18CompatibilityTest() {
        super(18, CustomFormat.V1_16);
    }

    @Test
    void shouldReadLz4AndZstdDumpsAsPgRestoreDoes() throws Exception {
        assertLz4AndZstdDumpsReadAsPgRestoreReadsThem();
    }
}
