package io.tusk.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real {@code tusk serve} on a random port, and a small JSON client for its API. */
public final class TestServer implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    private TestServer(ConfigurableApplicationContext context) {
        this.context = context;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.base = "http://127.0.0.1:" + port;
    }

    public static TestServer start(Path dataDir, String... args) {
        return start(ServerOptions.defaults(dataDir).withPort(0), args);
    }

    public static TestServer start(ServerOptions options, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--tusk.scheduler.polling-interval=PT0.5S";
        all[1] = "--tusk.scheduler.heartbeat-interval=PT1S";
        System.arraycopy(args, 0, all, 2, args.length);
        return new TestServer(TuskServer.start(options, all));
    }

    public String base() {
        return base;
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public record Response(int status, String body, java.net.http.HttpHeaders headers) {
        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    public Response post(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body))));
    }

    public Response put(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body))));
    }

    /** POSTs and expects {@code status}, returning the JSON body. */
    public JsonNode post(String path, Object body, int status) {
        Response r = post(path, body);
        assertThat(r.status()).as("POST %s answered %s", path, r.body()).isEqualTo(status);
        return r.json();
    }

    public JsonNode getJson(String path) {
        Response r = get(path);
        assertThat(r.status()).as("GET %s answered %s", path, r.body()).isEqualTo(200);
        return r.json();
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls a run until it has ended (or the timeout passes), returning its last state. */
    public JsonNode awaitRun(long runId, Duration timeout) {
        return await("/api/v1/runs/" + runId, run -> {
            String s = run.get("status").asString();
            return s.equals("succeeded") || s.equals("failed") || s.equals("cancelled");
        }, timeout);
    }

    public JsonNode await(String path, Predicate<JsonNode> done, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = getJson(path);
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("timed out after " + timeout + " waiting on " + path + "; last answer: " + last);
    }

    @Override
    public void close() {
        context.close();
    }
}
