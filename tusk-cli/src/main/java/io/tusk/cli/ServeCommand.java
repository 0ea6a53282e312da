package io.tusk.cli;

import io.tusk.TuskException;
import io.tusk.embedded.EmbeddedPostgres;
import io.tusk.embedded.PostgresBinaries;
import io.tusk.server.ServerOptions;
import io.tusk.server.TuskServer;
import io.tusk.server.database.DatabaseRequest;
import io.tusk.server.database.DatabaseService;
import io.tusk.server.database.RegisteredDatabase;
import io.tusk.server.retention.RetentionPolicy;
import io.tusk.server.run.Run;
import io.tusk.server.run.RunService;
import io.tusk.server.schedule.ScheduleRequest;
import io.tusk.server.security.FirstRun;
import io.tusk.server.schedule.ScheduleService;
import io.tusk.server.storage.StorageConfig;
import io.tusk.server.storage.StorageRequest;
import io.tusk.server.storage.StorageService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tusk serve}: the server, its REST API and scheduler; {@code --demo} adds a database to back up. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
        description = {"Runs the Tusk server: databases, storages, schedules, backups and restores over a REST API under /api/v1/.",
                "State is kept in an embedded H2 database under --data-dir, or in PostgreSQL with --metadata-url."})
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port = ServerOptions.DEFAULT_PORT;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "the server's state: metadata, master key (default: ${DEFAULT-VALUE})")
    Path dataDir = Path.of("tusk-data");

    @Option(names = "--metadata-url", paramLabel = "JDBC_URL",
            description = "keep the state in PostgreSQL (jdbc:postgresql://HOST:PORT/DB), shared by several servers")
    String metadataUrl;

    @Option(names = "--metadata-user", paramLabel = "USER", description = "user for --metadata-url")
    String metadataUser;

    @Option(names = "--metadata-password-env", paramLabel = "VAR", description = "environment variable holding the --metadata-url password")
    String metadataPasswordEnv;

    @Option(names = "--max-concurrent-runs", paramLabel = "N", description = "backups and restores at once (default: ${DEFAULT-VALUE})")
    int maxConcurrentRuns = 2;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "where users reach this server, for the links in notifications (default: http://localhost:PORT)")
    String publicUrl;

    @Option(names = "--demo", description = "also start an embedded PostgreSQL with the Pagila sample, a local storage under"
            + " --data-dir and an hourly schedule, and run a first backup now")
    boolean demo;

    @Override
    public Integer call() throws Exception {
        String password = null;
        if (metadataPasswordEnv != null) {
            password = System.getenv(metadataPasswordEnv);
            if (password == null) {
                throw new TuskException("--metadata-password-env names " + metadataPasswordEnv + ", which is not set");
            }
        }
        if (maxConcurrentRuns < 1) {
            throw new TuskException("--max-concurrent-runs must be at least 1");
        }
        ServerOptions options = new ServerOptions(port, dataDir, metadataUrl, metadataUser, password, maxConcurrentRuns, demo);
        EmbeddedPostgres demoServer = null;
        if (demo) {
            System.out.println("tusk serve: --demo: starting an embedded PostgreSQL " + PostgresBinaries.DEFAULT_MAJOR + " with the Pagila sample...");
            demoServer = startDemoDatabase();
        }
        ConfigurableApplicationContext context;
        try {
            context = TuskServer.start(options, "--tusk.public-url=" + (publicUrl != null ? publicUrl
                    : "http://localhost:" + (port == 0 ? ServerOptions.DEFAULT_PORT : port)));
        } catch (RuntimeException e) {
            if (demoServer != null) {
                demoServer.close();
            }
            throw unwrap(e);
        }
        int actualPort = ((WebServerApplicationContext) context).getWebServer().getPort();
        System.out.println("tusk serve: listening on http://localhost:" + actualPort + " (API under /api/v1/, OpenAPI at /api/docs),"
                + " data in " + dataDir.toAbsolutePath());
        CountDownLatch stopped = new CountDownLatch(1);
        EmbeddedPostgres pg = demoServer;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.close();
            if (pg != null) {
                pg.close();
            }
            stopped.countDown();
        }, "tusk-serve-shutdown"));
        if (pg != null) {
            demoSetup(context, pg);
        }
        stopped.await();
        return 0;
    }

    private static EmbeddedPostgres startDemoDatabase() throws Exception {
        int major = PostgresBinaries.DEFAULT_MAJOR;
        EmbeddedPostgres pg = EmbeddedPostgres.start(major);
        pg.createDatabase("pagila");
        try (Connection c = pg.connect("pagila")) {
            DemoCommand.runScript(c, DemoCommand.pagilaSchema(major));
        }
        try (Connection c = pg.connect("pagila")) {
            DemoCommand.runScript(c, "pagila-data.sql");
        }
        return pg;
    }

    /**
     * Registers (or, on a later start, re-points: the embedded server gets a new port each time) the demo's storage,
     * database and hourly schedule, then runs a first backup and reports it.
     */
    private void demoSetup(ConfigurableApplicationContext context, EmbeddedPostgres pg) throws Exception {
        StorageService storages = context.getBean(StorageService.class);
        DatabaseService databases = context.getBean(DatabaseService.class);
        ScheduleService schedules = context.getBean(ScheduleService.class);
        RunService runs = context.getBean(RunService.class);
        Path backups = Files.createDirectories(dataDir.toAbsolutePath().resolve("demo-backups"));
        FirstRun firstRun = context.getBean(FirstRun.class);
        if (firstRun.needed()) {
            String password = DemoPassword.generate();
            firstRun.createOwner("admin", password, "tusk serve --demo");
            System.out.println("tusk serve: --demo: sign in as \"admin\" with the password " + password
                    + " (created for this data directory; change it under Users)");
        }
        long workspace = FirstRun.defaultWorkspace();
        StorageConfig storage = storages.repository().list().stream().filter(s -> s.name().equals("demo local disk")).findFirst()
                .orElseGet(() -> storages.create(new StorageRequest("demo local disk", "local", Map.of("path", backups.toString()), Map.of(),
                        workspace), workspace));
        DatabaseRequest request = new DatabaseRequest("pagila (demo)", "127.0.0.1", pg.port(), "pagila", EmbeddedPostgres.SUPERUSER,
                null, "disable", null, storage.id(), "zstd", true, null, new RetentionPolicy(24, null, null, 7, 4, null, null), workspace);
        RegisteredDatabase db = databases.repository().list().stream().filter(d -> d.name().equals("pagila (demo)")).findFirst()
                .map(existing -> databases.update(existing.id(), request))
                .orElseGet(() -> databases.create(request, workspace));
        if (schedules.list(db.id()).isEmpty()) {
            schedules.create(new ScheduleRequest(db.id(), "hourly", 0, null, null, null, null, "UTC", true));
        }
        Run run = runs.backupNow(db.id());
        System.out.println("tusk serve: --demo: PostgreSQL on 127.0.0.1:" + pg.port() + ", database \"pagila (demo)\" backed up hourly"
                + " into " + backups + "; first backup: run " + run.id() + "...");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            Run now = runs.repository().get(run.id());
            if (now.finished()) {
                System.out.println("tusk serve: --demo: run " + run.id() + " " + now.status()
                        + (now.backupId() == null ? "" : ": backup " + now.backupId() + " (GET /api/v1/backups)")
                        + (now.error() == null ? "" : ": " + now.error()));
                return;
            }
            Thread.sleep(250);
        }
    }

    /** Spring wraps startup failures; the user needs the cause's one line (a port in use, a locked data directory). */
    private static RuntimeException unwrap(RuntimeException e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof TuskException tusk) {
                return tusk;
            }
            if (t.getClass().getSimpleName().equals("PortInUseException")) {
                return new TuskException("the port is already in use: stop what listens on it or choose another with --port", e);
            }
            t = t.getCause();
        }
        return e;
    }
}
