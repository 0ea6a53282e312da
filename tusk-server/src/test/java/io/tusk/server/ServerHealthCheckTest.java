package io.tusk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.tusk.embedded.EmbeddedPostgres;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A registered database that stops answering is reported once, by the periodic health check, before any backup. */
class ServerHealthCheckTest {
    @Test
    void shouldNotifyOnceWhenARegisteredDatabaseBecomesUnreachable() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        HttpServer hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hooks.createContext("/hook", exchange -> {
            events.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hooks.start();
        EmbeddedPostgres pg = EmbeddedPostgres.start(13);
        try (TestServer server = TestServer.start(Files.createTempDirectory("tusk-health"), "--tusk.health-check-interval=PT1S")) {
            pg.createDatabase("inventory");
            server.post("/api/v1/notifiers", Map.of("name", "hook", "type", "webhook", "isDefault", true,
                    "secrets", Map.of("url", "http://127.0.0.1:" + hooks.getAddress().getPort() + "/hook")), 201);
            server.post("/api/v1/databases", Map.of("name", "inventory", "host", "127.0.0.1", "port", pg.port(),
                    "database", "inventory", "user", EmbeddedPostgres.SUPERUSER), 201);
            Thread.sleep(2500);
            assertThat(events).isEmpty();
            pg.close();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (events.isEmpty() && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            Thread.sleep(3000);
            assertThat(events).hasSize(1);
            assertThat(events.get(0)).contains("\"event\":\"database_unreachable\"").contains("\"database\":\"inventory\"");
        } finally {
            hooks.stop(0);
            pg.close();
        }
    }

    @Test
    void shouldNotifyOnceWhenAStorageStopsTakingWrites() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        HttpServer hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hooks.createContext("/hook", exchange -> {
            events.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hooks.start();
        java.nio.file.Path storage = Files.createTempDirectory("tusk-health-storage");
        try (TestServer server = TestServer.start(Files.createTempDirectory("tusk-health"), "--tusk.health-check-interval=PT1S")) {
            server.post("/api/v1/notifiers", Map.of("name", "hook", "type", "webhook", "isDefault", true,
                    "secrets", Map.of("url", "http://127.0.0.1:" + hooks.getAddress().getPort() + "/hook")), 201);
            server.post("/api/v1/storages", Map.of("name", "usb disk", "type", "local", "settings", Map.of("path", storage.toString())), 201);
            Thread.sleep(2500);
            assertThat(events).isEmpty();
            // the disk is gone: a file where the directory was, so nothing can be written below it
            try (var files = Files.list(storage)) {
                for (java.nio.file.Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(storage);
            Files.writeString(storage, "not a directory");
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (events.isEmpty() && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            Thread.sleep(3000);
            assertThat(events).hasSize(1);
            assertThat(events.get(0)).contains("\"event\":\"storage_failing\"").contains("usb disk");
        } finally {
            hooks.stop(0);
        }
    }
}
