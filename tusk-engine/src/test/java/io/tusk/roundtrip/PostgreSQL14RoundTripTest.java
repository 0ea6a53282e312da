package io.tusk.roundtrip;

class PostgreSQL14RoundTripTest extends RoundTripTest {
    @Override
    int major() {
        return 14;
    }
}
