package io.tusk.roundtrip;

class PostgreSQL12RoundTripTest extends RoundTripTest {
    @Override
    int major() {
        return 12;
    }
}
