package io.tusk.server.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The runs executing in this server, so a cancel can stop one at once instead of at its next progress tick. */
@Component
class ActiveRuns {
    private record Active(RunProgress progress, Connection connection) {
    }

    private final Map<Long, Active> active = new ConcurrentHashMap<>();

    void started(long runId, RunProgress progress, Connection connection) {
        active.put(runId, new Active(progress, connection));
    }

    void finished(long runId) {
        active.remove(runId);
    }

    int count() {
        return active.size();
    }

    /**
     * Flags the run and aborts its database connection: a COPY in progress ends with an error right away, and the
     * pipeline then aborts the upload.
     */
    boolean cancel(long runId) {
        Active a = active.get(runId);
        if (a == null) {
            return false;
        }
        a.progress().cancel();
        try {
            a.connection().abort(Runnable::run);
        } catch (SQLException ignored) {
            // the flag alone stops the run at its next progress tick
        }
        return true;
    }
}
