package io.tusk.roundtrip;

class PostgreSQL15RoundTripTest extends RoundTripTest {
    @Override
    int major() {
        return 15;
    }
}
