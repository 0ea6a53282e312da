package io.tusk.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tusk.embedded.EmbeddedPostgres;
import io.tusk.server.TestServer;
import io.tusk.testing.SampleDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Every page of the web UI over plain HTTP against a real server: empty (nothing registered), normal (a database
 * with a backup) and failure (a database whose backup failed), each answering 200 with its own text, never an
 * error page, and never referring to anything outside the server (no CDN).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPagesTest {
    private static final Pattern URL = Pattern.compile("(?i)https?://[^\"'\\s)<>]+");
    /** A protocol-relative reference ("//cdn.example/htmx.js") in an attribute loads from elsewhere too. */
    private static final Pattern RELATIVE = Pattern.compile("(?i)(src|href|action|content)=\"//");
    /** Keeps the session cookie, as a browser does: the wizard's answers and the notices after a redirect live there. */
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .cookieHandler(new java.net.CookieManager()).build();
    private final List<String> pagesSeen = new ArrayList<>();
    private EmbeddedPostgres pg;
    private TestServer server;
    private Path storageDir;

    @BeforeAll
    void start() throws Exception {
        storageDir = Files.createTempDirectory("tusk-web-storage");
        pg = EmbeddedPostgres.start(18);
        pg.createDatabase("pagila");
        SampleDatabases.loadPagila(pg, "pagila");
        pg.createDatabase("doomed");
        server = TestServer.start(Files.createTempDirectory("tusk-web-data"));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    @Order(1)
    void emptyServerPagesSayWhatToDoNext() {
        assertThat(page("/")).contains("No databases yet", "Add a database", "Register a database");
        assertThat(page("/storages")).contains("No storages yet", "New storage", "local path");
        assertThat(page("/settings")).contains("Data directory", "--max-concurrent-runs");
        assertThat(page("/databases/new/connection")).contains("1. Connection", "Test connection", "<label for=\"host\">");
    }

    @Test
    @Order(2)
    void wizardShowsConnectionErrorsNextToTheFormAndTheServerVersionWhenItConnects() {
        String refused = post("/databases/new/connection", Map.of("name", "nowhere", "host", "127.0.0.1", "port", "1",
                "database", "x", "user", "postgres", "password", "", "sslmode", "disable"));
        assertThat(refused).contains("id=\"error-connection\"", "127.0.0.1").doesNotContain("Whitelabel");

        String missingName = post("/databases/new/connection", Map.of("name", "", "host", "127.0.0.1", "port", "" + pg.port(),
                "database", "pagila", "user", EmbeddedPostgres.SUPERUSER, "password", "", "sslmode", "disable"));
        assertThat(missingName).contains("id=\"error-name\"", "a name is required");

        String tested = post("/databases/new/connection/test", Map.of("name", "x", "host", "127.0.0.1", "port", "" + pg.port(),
                "database", "pagila", "user", EmbeddedPostgres.SUPERUSER, "password", "", "sslmode", "disable"));
        assertThat(tested).contains("Connected: PostgreSQL 18.");
    }

    @Test
    @Order(3)
    void schedulePreviewListsTheNextFiveRunsInTheChosenZoneOrTheError() {
        String preview = post("/databases/new/schedule/preview", Map.of("kind", "daily", "time", "03:00", "zone", "Asia/Tokyo"));
        assertThat(Pattern.compile("03:00:00 JST").matcher(preview).results().count()).isEqualTo(5);
        String bad = post("/databases/new/schedule/preview", Map.of("kind", "cron", "cron", "0 3 * *", "zone", "UTC"));
        assertThat(bad).contains("a cron expression has 5 fields");
        String unknownZone = post("/databases/new/schedule/preview", Map.of("kind", "daily", "time", "03:00", "zone", "Mars/Olympus"));
        assertThat(unknownZone).contains("unknown time zone");
    }

    @Test
    @Order(4)
    void normalAndFailingDatabasesShowTheirBackupsAndTheirErrors() throws Exception {
        JsonNode storage = server.post("/api/v1/storages", Map.of("name", "disk", "type", "local",
                "settings", Map.of("path", storageDir.toString())), 201);
        long storageId = storage.get("id").asLong();
        long shop = server.post("/api/v1/databases", database("shop", "pagila", storageId), 201).get("id").asLong();
        long doomed = server.post("/api/v1/databases", database("doomed", "doomed", storageId), 201).get("id").asLong();
        server.post("/api/v1/schedules", Map.of("databaseId", shop, "kind", "daily", "time", "03:00", "zone", "Europe/Paris"), 201);

        JsonNode ok = server.awaitRun(server.post("/api/v1/databases/" + shop + "/backups", "", 202).get("id").asLong(), Duration.ofSeconds(120));
        assertThat(ok.get("status").asString()).isEqualTo("succeeded");
        String backupId = ok.get("backupId").asString();
        try (Connection c = pg.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE doomed");
        }
        JsonNode failed = server.awaitRun(server.post("/api/v1/databases/" + doomed + "/backups", "", 202).get("id").asLong(), Duration.ofSeconds(120));
        assertThat(failed.get("status").asString()).isEqualTo("failed");

        HttpResponse<String> picked = postRaw("/databases/new/storage", Map.of("storageChoice", Long.toString(storageId)));
        assertThat(picked.statusCode()).as(picked.body()).isEqualTo(302);
        assertThat(picked.headers().firstValue("Location").orElseThrow()).endsWith("/databases/new/schedule");
        String noPath = post("/databases/new/storage", Map.of("storageChoice", "new", "storageName", "second", "storageType", "local"));
        assertThat(noPath).contains("id=\"error-settings.path\"", "local storage needs the setting &quot;path&quot;");

        String dashboard = page("/");
        assertThat(dashboard).contains("1 database failing", "data-database=\"shop\"", "data-health=\"ok\"",
                "data-health=\"failing\"", "doomed", "<svg");
        assertThat(dashboard.indexOf("data-database=\"doomed\"")).as("failures first").isLessThan(dashboard.indexOf("data-database=\"shop\""));

        String shopPage = page("/databases/" + shop);
        assertThat(shopPage).contains("data-backup-id=\"" + backupId + "\"", "Run now", "Download", "Restore", "daily at 03:00", "keeps every backup",
                "data-status=\"succeeded\"", "PostgreSQL 18.");
        String doomedPage = page("/databases/" + doomed);
        assertThat(doomedPage).contains("The last backup failed", "doomed", "data-status=\"failed\"", "No backups yet");

        assertThat(page("/runs/" + ok.get("id").asLong())).contains("dumped public.actor: 200 rows", "succeeded");
        assertThat(page("/runs/" + failed.get("id").asLong())).contains("id=\"run-error\"", "failed");
        assertThat(page("/backups/" + backupId + "/restore")).contains("Restore into", "A new database", "public.actor (200 rows)",
                "I understand: overwrite the existing database", "Parallel jobs");
        assertThat(page("/backups/" + backupId + "/delete")).contains("Delete this backup?", backupId);
        assertThat(page("/storages")).contains("data-storage=\"disk\"", storageDir.toString(), ">Test<");

        HttpResponse<String> retest = postRaw("/databases/" + doomed + "/test", Map.of());
        assertThat(retest.statusCode()).isEqualTo(302);
        assertThat(page("/databases/" + doomed)).contains("Connection test failed", "does not exist");

        String events = send(HttpRequest.newBuilder(URI.create(server.base() + "/runs/" + ok.get("id").asLong() + "/events"))
                .header("Accept", "text/event-stream").GET()).body();
        assertThat(events).contains("event:end", "\"status\":\"succeeded\"");
    }

    @Test
    @Order(5)
    void restoreOverAnExistingDatabaseNeedsTheOverwriteBoxTicked() {
        JsonNode backups = server.getJson("/api/v1/backups");
        String backupId = backups.get(0).get("backupId").asString();
        String refused = post("/backups/" + backupId + "/restore", Map.of("target", "same", "jobs", "1"));
        assertThat(refused).contains("id=\"error-confirmOverwrite\"", "tick the box to confirm");
        String badJobs = post("/backups/" + backupId + "/restore", Map.of("target", "new", "newDatabaseName", "x",
                "serverDatabaseId", backups.get(0).get("databaseId").asString(), "jobs", "99"));
        assertThat(badJobs).contains("id=\"error-jobs\"", "between 1 and 16");
        String createWithName = post("/backups/" + backupId + "/restore", Map.of("target", "new", "newDatabaseName", "x",
                "serverDatabaseId", backups.get(0).get("databaseId").asString(), "jobs", "1", "create", "on"));
        assertThat(createWithName).contains("id=\"error-create\"", "give newDatabaseName alone");
    }

    @Test
    @Order(6)
    void deletingABackupAfterItsConfirmationRemovesItAndSaysSo() {
        JsonNode backup = server.getJson("/api/v1/backups").get(0);
        String backupId = backup.get("backupId").asString();
        HttpResponse<String> deleted = send(HttpRequest.newBuilder(URI.create(server.base() + "/backups/" + backupId + "/delete"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(deleted.statusCode()).isEqualTo(302);
        String databasePage = deleted.headers().firstValue("Location").orElseThrow();
        assertThat(page(URI.create(databasePage).getPath())).contains("Backup " + backupId + " deleted.", "No backups yet");
        assertThat(server.get("/api/v1/backups/" + backupId).status()).isEqualTo(404);
    }

    @Test
    @Order(7)
    void unknownThingsAnswerAnErrorPageNotAWhitelabelOne() {
        HttpResponse<String> missing = get("/databases/9999");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("no database with id 9999", "Back to the dashboard").doesNotContain("Whitelabel");
        assertThat(send(HttpRequest.newBuilder(URI.create(server.base() + "/runs/9999/events")).header("Accept", "text/event-stream").GET())
                .statusCode()).isEqualTo(404);
        HttpResponse<String> unknownPath = get("/no-such-page");
        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(unknownPath.body()).doesNotContain("Whitelabel");
    }

    @Test
    @Order(8)
    void everyPageUsesOnlyTheServersOwnScriptsAndStyles() {
        assertThat(get("/webjars/htmx.org/dist/htmx.min.js").statusCode()).isEqualTo(200);
        assertThat(get("/js/tusk.js").body()).contains("EventSource");
        assertThat(get("/css/tusk.css").body()).contains("@media");
        assertThat(pagesSeen).hasSizeGreaterThan(10);
        for (String html : pagesSeen) {
            Matcher m = URL.matcher(html);
            while (m.find()) {
                String url = m.group();
                assertThat(url).as("a page refers to %s", url).startsWith(server.base());
            }
            assertThat(RELATIVE.matcher(html).find()).as("a protocol-relative reference in %s", html).isFalse();
            if (html.startsWith("<!DOCTYPE html>")) {
                assertThat(html).contains("<html lang=\"en\">");
            }
            assertThat(html).doesNotContain("<script>").doesNotContain(" onclick=");
        }
    }

    private Map<String, Object> database(String name, String dbname, long storageId) {
        return Map.of("name", name, "host", "127.0.0.1", "port", pg.port(), "database", dbname,
                "user", EmbeddedPostgres.SUPERUSER, "storageId", storageId);
    }

    private String page(String path) {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as("GET %s answered %s", path, r.body()).isEqualTo(200);
        return checked(r.body());
    }

    private String post(String path, Map<String, String> form) {
        HttpResponse<String> r = postRaw(path, form);
        assertThat(r.statusCode()).as("POST %s answered %s", path, r.body()).isEqualTo(200);
        return checked(r.body());
    }

    private HttpResponse<String> postRaw(String path, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
                .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
        return send(HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private String checked(String html) {
        assertThat(html).doesNotContain("Whitelabel").doesNotContain("Internal Server Error");
        pagesSeen.add(html);
        return html;
    }

    private TestServer.Client session;

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(server.base() + path)).header("Accept", "text/html").GET());
    }

    /** As the signed-in admin's browser: its session cookie, and the CSRF token its pages carry. */
    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (session == null) {
            session = server.login(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);
        }
        request.header("Cookie", session.cookieHeader()).header("X-XSRF-TOKEN", session.csrfToken());
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
