package io.tusk.bench;

import io.tusk.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;

/** Where the numbers come from: CPU, cores, RAM, Java, PostgreSQL server and stock client versions. */
final class Machine {
    private Machine() {
    }

    static String describe(EmbeddedPostgres pg, Tools tools, Path workDir) throws Exception {
        String server;
        try (Connection c = pg.connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version()")) {
            rs.next();
            server = rs.getString(1);
        }
        Path log = workDir.resolve("pg_dump-version.log");
        Processes.run(tools.stock("pg_dump", "--version"), log);
        return "- CPU: " + cpuModel().orElse("unknown") + ", " + Runtime.getRuntime().availableProcessors() + " cores\n"
                + "- RAM: " + memTotal().orElse("unknown") + "\n"
                + "- OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + "\n"
                + "- Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + "\n"
                + "- Server: " + server + " (embedded, zonky binaries)\n"
                + "- Stock clients: " + Files.readString(log).strip() + "\n";
    }

    private static Optional<String> cpuModel() throws IOException {
        return procLine("/proc/cpuinfo", "model name").map(l -> l.substring(l.indexOf(':') + 1).strip());
    }

    private static Optional<String> memTotal() throws IOException {
        return procLine("/proc/meminfo", "MemTotal").map(l -> {
            long kb = Long.parseLong(l.replaceAll("\\D", ""));
            return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
        });
    }

    private static Optional<String> procLine(String file, String prefix) throws IOException {
        Path p = Path.of(file);
        if (!Files.isReadable(p)) {
            return Optional.empty();
        }
        return Files.readAllLines(p).stream().filter(l -> l.startsWith(prefix)).findFirst();
    }
}
