package io.tusk.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The COPY floor as libpq sees it: one stock psql process running {@code \copy TABLE to /dev/null} for every
 * table, one after another. Includes psql's start-up (a few milliseconds).
 */
final class PsqlCopyFloor implements Contender {
    private final Tools tools;

    PsqlCopyFloor(Tools tools) {
        this.tools = tools;
    }

    @Override
    public String name() {
        return "COPY floor (psql)";
    }

    @Override
    public Kind kind() {
        return Kind.FLOOR;
    }

    @Override
    public void prepare(Trial trial) throws Exception {
        try (Connection c = trial.pg().connect(trial.database())) {
            List<String> tables = UserTables.of(c);
            Files.writeString(script(trial), tables.stream()
                    .map(t -> "\\copy " + t + " to '/dev/null'")
                    .collect(Collectors.joining("\n", "", "\n")));
        }
    }

    @Override
    public long run(Trial trial) throws Exception {
        Processes.run(tools.stock("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", script(trial).toString(),
                trial.pg().uri(trial.database())), trial.workDir().resolve(trial.database() + "-psql-copy.log"));
        return -1;
    }

    private static Path script(Trial trial) {
        return trial.workDir().resolve(trial.database() + "-copy-floor.sql");
    }
}
