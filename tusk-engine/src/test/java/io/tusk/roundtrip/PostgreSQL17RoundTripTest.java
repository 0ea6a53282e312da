package io.tusk.roundtrip;

class PostgreSQL17RoundTripTest extends RoundTripTest {
    @Override
    int major() {
        return 17;
    }
}
