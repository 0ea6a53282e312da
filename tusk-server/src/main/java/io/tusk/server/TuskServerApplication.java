package io.tusk.server;

import java.time.Clock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The Spring Boot application behind {@code tusk serve}; started by {@link TuskServer}. */
@SpringBootApplication
public class TuskServerApplication {
    /** The server's clock; tests of time-dependent rules build their services with their own. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
