package io.tusk.roundtrip;

class PostgreSQL16RoundTripTest extends RoundTripTest {
    @Override
    int major() {
        return 16;
    }
}
