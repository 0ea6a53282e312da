package io.tusk.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on 127.0.0.1 (the JDK's com.sun.net.httpserver) that records every request and answers with
 * what a test set for the path: the stand-in for Slack, Discord, Telegram, Teams, ntfy and webhook receivers.
 */
public final class RecordingHttpServer implements AutoCloseable {
    /** One request as received: the raw body bytes, to check signatures over exactly what was sent. */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * An answer: status, body, headers; {@code hang} never answers (until the server closes), {@code stall} sends the
     * headers and a first bit of the body, then nothing more.
     */
    public record Response(int status, String body, Map<String, String> headers, boolean hang, boolean stall) {
        public static Response of(int status, String body, Map<String, String> headers) {
            return new Response(status, body, headers, false, false);
        }

        public static Response stalledBody() {
            return new Response(200, "", Map.of(), false, true);
        }

        public static Response of(int status, String body) {
            return of(status, body, Map.of("Content-Type", "application/json"));
        }

        public static Response hanging() {
            return new Response(0, "", Map.of(), true, false);
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final Map<String, Response> responses = new ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Response defaultResponse = Response.of(200, "ok", Map.of("Content-Type", "text/plain"));

    public RecordingHttpServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "test-http-server");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Answers requests to exactly {@code path} (no query) with {@code response}. */
    public RecordingHttpServer respond(String path, Response response) {
        responses.put(path, response);
        return this;
    }

    public RecordingHttpServer respondToAll(Response response) {
        defaultResponse = response;
        return this;
    }

    /** The next request received, waiting up to {@code wait}; fails the test if none arrives. */
    public Request take(Duration wait) throws InterruptedException {
        Request request = requests.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (request == null) {
            throw new AssertionError("no request arrived within " + wait);
        }
        return request;
    }

    public int received() {
        return requests.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, List<String>> headers = new java.util.TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
        URI uri = exchange.getRequestURI();
        requests.add(new Request(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), headers, body));
        Response response = responses.getOrDefault(uri.getRawPath(), defaultResponse);
        if (response.hang()) {
            awaitClose();
            exchange.close();
            return;
        }
        if (response.stall()) {
            exchange.sendResponseHeaders(200, 1000);
            exchange.getResponseBody().write("{\"ok\":".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            awaitClose();
            exchange.close();
            return;
        }
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] answer = response.body().getBytes(StandardCharsets.UTF_8);
        if (response.status() == 204 || answer.length == 0) {
            exchange.sendResponseHeaders(response.status(), -1);
        } else {
            exchange.sendResponseHeaders(response.status(), answer.length);
            exchange.getResponseBody().write(answer);
        }
        exchange.close();
    }

    private void awaitClose() {
        try {
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
