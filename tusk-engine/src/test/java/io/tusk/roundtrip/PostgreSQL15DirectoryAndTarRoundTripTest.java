package io.tusk.roundtrip;

class PostgreSQL15DirectoryAndTarRoundTripTest extends DirectoryAndTarRoundTripTest {
    @Override
    int major() {
        return 15;
    }
}
