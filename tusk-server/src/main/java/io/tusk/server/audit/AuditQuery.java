package io.tusk.server.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the audit log, newest first, filtered; it has no way to change it. */
@Repository
class AuditQuery {
    private final JdbcClient jdbc;

    AuditQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param action   an action ({@code backup.download}) or a family of them ({@code backup})
     * @param workspaces the workspaces whose events may be shown
     * @param serverEvents whether events of no workspace (logins, tokens) may be shown
     */
    List<AuditEvent> find(String user, String action, Instant from, Instant to, Set<Long> workspaces, boolean serverEvents, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_events WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (user != null && !user.isEmpty()) {
            sql.append(" AND username = ?");
            params.add(user);
        }
        if (action != null && !action.isEmpty()) {
            sql.append(" AND (action = ? OR action LIKE ?)");
            params.add(action);
            params.add(action.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ".%");
        }
        if (from != null) {
            sql.append(" AND at >= ?");
            params.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND at < ?");
            params.add(Timestamp.from(to));
        }
        StringBuilder scope = new StringBuilder();
        for (Long w : workspaces) {
            scope.append(scope.isEmpty() ? "" : ", ").append("?");
            params.add(w);
        }
        String inWorkspaces = scope.isEmpty() ? "1 = 0" : "workspace_id IN (" + scope + ")";
        sql.append(" AND (").append(inWorkspaces).append(serverEvents ? " OR workspace_id IS NULL)" : ")");
        sql.append(" ORDER BY id DESC LIMIT ").append(Math.max(1, Math.min(limit, 100_000)));
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> {
            long ws = rs.getLong("workspace_id");
            Long workspaceId = rs.wasNull() ? null : ws;
            return new AuditEvent(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("username"), rs.getString("action"),
                    rs.getString("object"), rs.getString("detail"), rs.getString("ip"), rs.getString("outcome"), workspaceId);
        }).list();
    }
}
