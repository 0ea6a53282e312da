package io.tusk.roundtrip;

class PostgreSQL13RoundTripTest extends RoundTripTest {
    @Override
    int major() {
        return 13;
    }
}
