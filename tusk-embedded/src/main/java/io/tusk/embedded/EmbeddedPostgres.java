package io.tusk.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server of one major version, started from the zonky binaries: initdb into a
 * temporary directory, listen on 127.0.0.1 only, removed on {@link #close()}.
 *
 * <p>initdb and postgres refuse to run as root, so when the JVM is root the server runs as the
 * unprivileged {@code nobody} user through {@code runuser}.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    public static final String SUPERUSER = "postgres";

    private final int major;
    private final int port;
    private final Path dataDir;
    private final Path binDir;
    private volatile boolean stopped;

    private EmbeddedPostgres(int major, int port, Path dataDir, Path binDir) {
        this.major = major;
        this.port = port;
        this.dataDir = dataDir;
        this.binDir = binDir;
    }

    public static Builder builder(int major) {
        return new Builder(major);
    }

    public static EmbeddedPostgres start(int major) {
        return builder(major).start();
    }

    public int major() {
        return major;
    }

    public int port() {
        return port;
    }

    public Path binDir() {
        return binDir;
    }

    /** A libpq connection URI, as psql and pg_dump take it. */
    public String uri(String database) {
        return "postgresql://" + SUPERUSER + "@127.0.0.1:" + port + "/" + database;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + SUPERUSER;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database));
    }

    public void createDatabase(String name) {
        execute("postgres", "CREATE DATABASE " + quoteIdent(name) + " TEMPLATE template0");
    }

    public void dropDatabase(String name) {
        // WITH (FORCE), which ends other sessions first, exists since PostgreSQL 13.
        execute("postgres", "DROP DATABASE IF EXISTS " + quoteIdent(name) + (major >= 13 ? " WITH (FORCE)" : ""));
    }

    public void execute(String database, String sql) {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("on " + database + ": " + e.getMessage() + "\n" + sql, e);
        }
    }

    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "immediate", "-w", "stop"),
                    dataDir.getParent().resolve("stop.log"), false);
        } finally {
            deleteTree(dataDir.getParent());
        }
    }

    static String quoteIdent(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    public static final class Builder {
        private final int major;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private final Map<String, String> passwordUsers = new LinkedHashMap<>();

        private Builder(int major) {
            this.major = major;
            settings.put("max_connections", "60");
            settings.put("fsync", "off");
            settings.put("synchronous_commit", "off");
            settings.put("full_page_writes", "off");
            settings.put("shared_buffers", "64MB");
        }

        /** A server setting written to postgresql.conf. */
        public Builder setting(String name, String value) {
            settings.put(name, value);
            return this;
        }

        /** A role that must log in with this password (scram-sha-256); every other role is trusted. */
        public Builder passwordUser(String role, String password) {
            passwordUsers.put(role, password);
            return this;
        }

        public EmbeddedPostgres start() {
            try {
                return doStart();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start embedded PostgreSQL " + major + ": " + e.getMessage(), e);
            }
        }

        private EmbeddedPostgres doStart() throws IOException {
            Path binDir = PostgresBinaries.extract(major).resolve("bin");
            Path base = Files.createTempDirectory("tusk-pg" + major + "-");
            Path dataDir = base.resolve("data");
            Files.createDirectory(dataDir);
            UserPrincipal runAs = RunAs.serverUser();
            if (runAs != null) {
                Files.setOwner(base, runAs);
                Files.setOwner(dataDir, runAs);
            }
            run(List.of(binDir.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", SUPERUSER, "-A", "trust",
                    "-E", "UTF8", "--locale=C", "--no-sync"), base.resolve("initdb.log"), true);
            int port = freePort();
            StringBuilder conf = new StringBuilder("\n# tusk embedded\nport = " + port + "\nlisten_addresses = '127.0.0.1'\n"
                    + "unix_socket_directories = ''\n");
            settings.forEach((k, v) -> conf.append(k).append(" = '").append(v.replace("'", "''")).append("'\n"));
            Files.writeString(dataDir.resolve("postgresql.conf"), conf, StandardOpenOption.APPEND);
            StringBuilder hba = new StringBuilder();
            for (String role : passwordUsers.keySet()) {
                hba.append("host all ").append(role).append(" 127.0.0.1/32 scram-sha-256\n");
            }
            hba.append("host all all 127.0.0.1/32 trust\n");
            Files.writeString(dataDir.resolve("pg_hba.conf"), hba);
            run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-l", base.resolve("server.log").toString(),
                    "-w", "-t", "120", "start"), base.resolve("pg_ctl.log"), true);
            EmbeddedPostgres pg = new EmbeddedPostgres(major, port, dataDir, binDir);
            Runtime.getRuntime().addShutdownHook(new Thread(pg::close));
            for (Map.Entry<String, String> u : passwordUsers.entrySet()) {
                pg.execute("postgres", "CREATE ROLE " + quoteIdent(u.getKey()) + " LOGIN PASSWORD '"
                        + u.getValue().replace("'", "''") + "'");
            }
            return pg;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void run(List<String> command, Path log, boolean mustSucceed) {
        List<String> full = new ArrayList<>(RunAs.prefix());
        full.addAll(command);
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", full));
            }
            if (p.exitValue() != 0 && mustSucceed) {
                throw new IllegalStateException("failed (exit " + p.exitValue() + "): " + String.join(" ", full) + "\n"
                        + Files.readString(log, StandardCharsets.UTF_8) + serverLog(log.getParent()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String serverLog(Path base) {
        try {
            Path log = base.resolve("server.log");
            return Files.exists(log) ? "\nserver.log:\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
