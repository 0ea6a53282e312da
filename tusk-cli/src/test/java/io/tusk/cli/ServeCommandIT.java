package io.tusk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar as a user runs it: {@code tusk serve --demo} starts, makes its first backup, answers its API,
 * refuses a second server on the same data directory, and stops cleanly on SIGTERM. Runs after packaging
 * (failsafe), since what it checks is the shaded jar: Spring Boot's auto-configuration lists merged into one jar.
 */
class ServeCommandIT {
    private static final Path JAR = Path.of("target", "tusk.jar");

    @Test
    void shouldServeTheDemoFromThePackagedJar() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path dataDir = Files.createTempDirectory("tusk-serve-it");
        Process server = new ProcessBuilder("java", "-jar", JAR.toString(), "serve", "--demo", "--port", Integer.toString(port),
                "--data-dir", dataDir.toString()).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                if (line.contains("--demo: run 1 ")) {
                    break;
                }
            }
            assertThat(String.join("\n", output)).contains("listening on http://localhost:" + port).contains("run 1 succeeded: backup ");
            Thread drain = new Thread(() -> lines.lines().forEach(output::add));
            drain.setDaemon(true);
            drain.start();

            HttpClient http = HttpClient.newHttpClient();
            String health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(health).contains("\"status\":\"UP\"");
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/backups")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            String password = output.stream().filter(l -> l.contains("sign in as \"admin\" with the password ")).findFirst()
                    .map(l -> l.replaceAll(".*with the password (\\S+).*", "$1")).orElseThrow();
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + password + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            String session = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("TUSK_SESSION="))
                    .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
            String backups = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/backups"))
                            .header("Cookie", session).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(backups).contains("\"encrypted\":true").contains("\"public.actor\":200");
            try (var files = Files.list(dataDir.resolve("demo-backups").resolve("pagila"))) {
                assertThat(files.map(p -> p.getFileName().toString()).toList()).anyMatch(n -> n.endsWith(".dump.enc")).anyMatch(n -> n.endsWith(".json"));
            }

            Process second = new ProcessBuilder("java", "-jar", JAR.toString(), "serve", "--port", "0", "--data-dir", dataDir.toString())
                    .redirectErrorStream(true).start();
            String secondOutput = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).as(secondOutput).isEqualTo(1);
            assertThat(secondOutput).contains("tusk serve: error: another tusk serve is already using the data directory");
        } finally {
            server.destroy();
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).as(String.join("\n", output)).isTrue();
        }
    }
}
