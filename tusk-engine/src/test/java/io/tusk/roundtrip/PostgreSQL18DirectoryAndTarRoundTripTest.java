package io.tusk.roundtrip;

class PostgreSQL18DirectoryAndTarRoundTripTest extends DirectoryAndTarRoundTripTest {
    @Override
    int major() {
        return 18;
    }
}
