package io.tusk.roundtrip;

class PostgreSQL18RoundTripTest extends RoundTripTest {
    @Override
    int major() {
        return 18;
    }
}
