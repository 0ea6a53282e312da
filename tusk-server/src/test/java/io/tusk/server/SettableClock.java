package io.tusk.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The server's clock, moved by the test. Added to a test server with {@link #ARGUMENT} (Spring Boot's
 * {@code spring.main.sources}), so no production code knows about it; its bean wins over the server's system clock.
 */
public final class SettableClock extends Clock {
    public static final String ARGUMENT = "--spring.main.sources=" + SettableClock.Config.class.getName();
    private volatile Instant now = Instant.now();

    /** Not a @Configuration: component scanning of io.tusk.server would add it to every test server. */
    public static class Config {
        @Bean
        @Primary
        SettableClock settableClock() {
            return new SettableClock();
        }
    }

    public void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
