package io.tusk.archive.custom;

/** pg_dump 15 writes archive version 1.14. */
class StockDumpPg15CompatibilityTest extends StockDumpCompatibilityTest {
    StockDumpPg15CompatibilityTest() {
        super(15, CustomFormat.V1_14);
    }
}
