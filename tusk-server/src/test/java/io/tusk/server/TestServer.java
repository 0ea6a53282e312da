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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real {@code tusk serve} on a random port, and a small JSON client for its API. The server starts with its
 * first user made headless ({@code --tusk.admin.password}, as TUSK_ADMIN_PASSWORD does), and the client methods of
 * the server itself act as that admin through an API token; {@link #anonymous()}, {@link #withToken},
 * {@link #login} and {@link #newUser} give clients that act otherwise.
 */
public final class TestServer implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "test-admin-password";
    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final Client admin;

    private TestServer(ConfigurableApplicationContext context, boolean withAdmin) {
        this.context = context;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.base = "http://127.0.0.1:" + port;
        if (withAdmin) {
            Client session = login(ADMIN, ADMIN_PASSWORD);
            this.admin = withToken(session.post("/api/v1/tokens", Map.of("name", "test server"), 201).get("token").asString());
        } else {
            this.admin = null;
        }
    }

    /** A server on its first run: no user yet, so no {@link #admin()} either. */
    public static TestServer startFirstRun(Path dataDir, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--tusk.scheduler.polling-interval=PT0.5S";
        System.arraycopy(args, 0, all, 1, args.length);
        return new TestServer(TuskServer.start(ServerOptions.defaults(dataDir).withPort(0), all), false);
    }

    public static TestServer start(Path dataDir, String... args) {
        return start(ServerOptions.defaults(dataDir).withPort(0), args);
    }

    public static TestServer start(ServerOptions options, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--tusk.scheduler.polling-interval=PT0.5S";
        all[1] = "--tusk.scheduler.heartbeat-interval=PT1S";
        all[2] = "--tusk.admin.password=" + ADMIN_PASSWORD;
        System.arraycopy(args, 0, all, 3, args.length);
        return new TestServer(TuskServer.start(options, all), true);
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

    /** The first user, owner of the default workspace, through an API token. */
    public Client admin() {
        return admin;
    }

    /** No credentials at all. */
    public Client anonymous() {
        return new Client(null, null);
    }

    /** A browser before login: keeps its cookies, sends no credentials of its own. */
    public Client browser() {
        return new Client(null, new LinkedHashMap<>());
    }

    public Client withToken(String token) {
        return new Client(token, null);
    }

    /** A browser-like session: cookies kept, the CSRF token sent on every request. */
    public Client login(String username, String password) {
        Client session = new Client(null, new LinkedHashMap<>());
        Response r = session.post("/api/v1/login", Map.of("username", username, "password", password));
        assertThat(r.status()).as("login of %s answered %s", username, r.body()).isEqualTo(200);
        session.csrfToken = r.json().get("csrfToken").asString();
        return session;
    }

    /** A new user with {@code role} in a workspace (made by the admin), acting through an API token. */
    public Client newUser(String username, String role, long workspaceId) {
        admin.post("/api/v1/users", Map.of("username", username, "password", username + "-password",
                "workspaceId", workspaceId, "role", role), 201);
        Client session = login(username, username + "-password");
        return withToken(session.post("/api/v1/tokens", Map.of("name", "test"), 201).get("token").asString());
    }

    public Response get(String path) {
        return admin.get(path);
    }

    public Response delete(String path) {
        return admin.delete(path);
    }

    public Response post(String path, Object body) {
        return admin.post(path, body);
    }

    public Response put(String path, Object body) {
        return admin.put(path, body);
    }

    public JsonNode post(String path, Object body, int status) {
        return admin.post(path, body, status);
    }

    public JsonNode getJson(String path) {
        return admin.getJson(path);
    }

    public JsonNode awaitRun(long runId, Duration timeout) {
        return admin.awaitRun(runId, timeout);
    }

    public JsonNode await(String path, Predicate<JsonNode> done, Duration timeout) {
        return admin.await(path, done, timeout);
    }

    /** One way of calling the API: a bearer token, a session (cookies and CSRF token), or nothing. */
    public final class Client {
        private final String token;
        private final Map<String, String> cookies;
        private String csrfToken;
        private boolean sendCsrf = true;

        private Client(String token, Map<String, String> cookies) {
            this.token = token;
            this.cookies = cookies;
        }

        public String token() {
            return token;
        }

        public String csrfToken() {
            return csrfToken;
        }

        /** The Cookie header this session sends, for requests built elsewhere (a page's form post, a browser). */
        public String cookieHeader() {
            StringBuilder header = new StringBuilder();
            cookies.forEach((k, v) -> header.append(header.isEmpty() ? "" : "; ").append(k).append('=').append(v));
            return header.toString();
        }

        /** The same session, but its requests leave out the CSRF header (as a forged cross-site request would). */
        public Client withoutCsrf() {
            Client c = new Client(null, cookies);
            c.csrfToken = csrfToken;
            c.sendCsrf = false;
            return c;
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

        /** A raw request with extra headers (which replace the client's own of the same name). */
        public Response send(String method, String path, String body, Map<String, String> headers) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (!headers.containsKey("Content-Type")) {
                request.header("Content-Type", "application/json");
            }
            headers.forEach(request::setHeader);
            return send(request, headers);
        }

        public Response request(String method, String path, Object body) {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json").method(method, publisher));
        }

        /** POSTs and expects {@code status}, returning the JSON body. */
        public JsonNode post(String path, Object body, int status) {
            Response r = post(path, body);
            assertThat(r.status()).as("POST %s answered %s", path, r.body()).isEqualTo(status);
            return r.body().isEmpty() ? null : r.json();
        }

        public JsonNode getJson(String path) {
            Response r = get(path);
            assertThat(r.status()).as("GET %s answered %s", path, r.body()).isEqualTo(200);
            return r.json();
        }

        private Response send(HttpRequest.Builder request) {
            return send(request, Map.of());
        }

        private Response send(HttpRequest.Builder request, Map<String, String> overrides) {
            if (token != null && !overrides.containsKey("Authorization")) {
                request.header("Authorization", "Bearer " + token);
            }
            if (cookies != null && !cookies.isEmpty()) {
                StringBuilder header = new StringBuilder();
                cookies.forEach((k, v) -> header.append(header.isEmpty() ? "" : "; ").append(k).append('=').append(v));
                request.header("Cookie", header.toString());
            }
            if (csrfToken != null && sendCsrf && !overrides.containsKey("X-XSRF-TOKEN")) {
                request.header("X-XSRF-TOKEN", csrfToken);
            }
            try {
                HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
                if (cookies != null) {
                    for (String set : r.headers().allValues("Set-Cookie")) {
                        String pair = set.split(";", 2)[0];
                        int eq = pair.indexOf('=');
                        String value = pair.substring(eq + 1);
                        if (value.isEmpty()) {
                            cookies.remove(pair.substring(0, eq));
                        } else {
                            cookies.put(pair.substring(0, eq), value);
                        }
                    }
                }
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
    }

    @Override
    public void close() {
        context.close();
    }
}
