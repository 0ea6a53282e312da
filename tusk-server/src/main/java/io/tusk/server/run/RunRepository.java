package io.tusk.server.run;

import io.tusk.server.api.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

@Repository
public class RunRepository {
    private static final int MAX_LOG = 190_000;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    RunRepository(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** A new queued run; for a schedule slot, throws DuplicateKeyException if another server queued it already. */
    long queue(String kind, long databaseId, Long scheduleId, Instant scheduledFor, String backupId, String request) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO runs (kind, database_id, schedule_id, scheduled_for, status, queued_at, backup_id, request) VALUES (?, ?, ?, ?, 'queued', ?, ?, ?)")
                .params(kind, databaseId, scheduleId, scheduledFor == null ? null : Timestamp.from(scheduledFor), Timestamp.from(Instant.now()), backupId, request)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /**
     * Marks a queued run running on {@code node}, unless another run of the same database is running: the
     * database's row is locked first, so two servers cannot both start a run of one database.
     */
    boolean claim(long runId, long databaseId, String node) {
        Boolean claimed = transactions.execute(tx -> {
            jdbc.sql("SELECT id FROM databases WHERE id = ? FOR UPDATE").param(databaseId).query(Long.class).optional();
            Integer running = jdbc.sql("SELECT COUNT(*) FROM runs WHERE database_id = ? AND status = 'running'").param(databaseId).query(Integer.class).single();
            if (running > 0) {
                return false;
            }
            return jdbc.sql("UPDATE runs SET status = 'running', node = ?, started_at = ? WHERE id = ? AND status = 'queued'")
                    .params(node, Timestamp.from(Instant.now()), runId).update() == 1;
        });
        return Boolean.TRUE.equals(claimed);
    }

    void progress(long runId, String table, long rows, long bytes, long rowsEstimated, long bytesEstimated) {
        jdbc.sql("UPDATE runs SET current_table = ?, rows_done = ?, bytes_done = ?, rows_estimated = ?, bytes_estimated = ? WHERE id = ?")
                .params(table, rows, bytes, rowsEstimated, bytesEstimated, runId).update();
    }

    void finish(long runId, String status, String error, String log, String backupId) {
        jdbc.sql("UPDATE runs SET status = ?, finished_at = ?, error = ?, log = ?, backup_id = COALESCE(?, backup_id), current_table = NULL WHERE id = ?")
                .params(status, Timestamp.from(Instant.now()), truncate(error, 3900), truncate(log, MAX_LOG), backupId, runId).update();
    }

    /** A queued run that will never start (cancelled before it ran). */
    boolean cancelQueued(long runId) {
        return jdbc.sql("UPDATE runs SET status = 'cancelled', finished_at = ?, error = 'cancelled before it started' WHERE id = ? AND status = 'queued'")
                .params(Timestamp.from(Instant.now()), runId).update() == 1;
    }

    String request(long runId) {
        return jdbc.sql("SELECT request FROM runs WHERE id = ?").param(runId).query(String.class).single();
    }

    void requestCancel(long runId) {
        jdbc.sql("UPDATE runs SET cancel_requested = TRUE WHERE id = ?").param(runId).update();
    }

    boolean cancelRequested(long runId) {
        return jdbc.sql("SELECT cancel_requested FROM runs WHERE id = ?").param(runId).query(Boolean.class).optional().orElse(true);
    }

    public Optional<Run> find(long id) {
        return jdbc.sql("SELECT * FROM runs WHERE id = ?").param(id).query((rs, n) -> run(rs)).optional();
    }

    public Run get(long id) {
        return find(id).orElseThrow(() -> ApiException.notFound("run", id));
    }

    public List<Run> list(Long databaseId, String kind, int limit) {
        String where = " WHERE 1 = 1" + (databaseId == null ? "" : " AND database_id = :db") + (kind == null ? "" : " AND kind = :kind");
        var spec = jdbc.sql("SELECT * FROM runs" + where + " ORDER BY id DESC LIMIT " + Math.max(1, Math.min(limit, 1000)));
        if (databaseId != null) {
            spec = spec.param("db", databaseId);
        }
        if (kind != null) {
            spec = spec.param("kind", kind);
        }
        return spec.query((rs, n) -> run(rs)).list();
    }

    List<Run> runningOn(String node) {
        return jdbc.sql("SELECT * FROM runs WHERE status = 'running' AND node = ?").param(node).query((rs, n) -> run(rs)).list();
    }

    /** Backups that restores in progress (or waiting) read: retention must not delete them. */
    public List<String> backupsInUse() {
        return jdbc.sql("SELECT backup_id FROM runs WHERE kind = 'restore' AND status IN ('queued', 'running') AND backup_id IS NOT NULL")
                .query(String.class).list();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max) + "\n[truncated]";
    }

    private static Run run(ResultSet rs) throws SQLException {
        long scheduleId = rs.getLong("schedule_id");
        Long schedule = rs.wasNull() ? null : scheduleId;
        Instant started = instant(rs, "started_at");
        long rows = rs.getLong("rows_done");
        long bytes = rs.getLong("bytes_done");
        long bytesEstimated = rs.getLong("bytes_estimated");
        String status = rs.getString("status");
        Long eta = null;
        if ("running".equals(status) && started != null && bytes > 0 && bytesEstimated > bytes) {
            double elapsed = Duration.between(started, Instant.now()).toMillis() / 1000.0;
            eta = Math.round(elapsed * (bytesEstimated - bytes) / bytes);
        }
        return new Run(rs.getLong("id"), rs.getString("kind"), rs.getLong("database_id"), schedule, instant(rs, "scheduled_for"),
                status, rs.getString("node"), instant(rs, "queued_at"), started, instant(rs, "finished_at"),
                rs.getString("backup_id"), rs.getString("current_table"), rows, bytes, rs.getLong("rows_estimated"),
                bytesEstimated, eta, rs.getBoolean("cancel_requested"), rs.getString("error"), rs.getString("log"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
