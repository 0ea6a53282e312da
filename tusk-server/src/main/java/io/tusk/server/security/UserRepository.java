package io.tusk.server.security;

import io.tusk.server.api.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Users and their workspace roles. The password hash never leaves this package. */
@Repository
class UserRepository {
    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(long id, String username, String passwordHash, boolean enabled, int failedAttempts, Instant lockedUntil,
               Instant createdAt) {
        TuskUser user() {
            return new TuskUser(id, username);
        }
    }

    boolean any() {
        return jdbc.sql("SELECT COUNT(*) FROM users").query(Integer.class).single() > 0;
    }

    Optional<Row> find(String username) {
        return jdbc.sql("SELECT * FROM users WHERE username = ?").param(username).query((rs, n) -> row(rs)).optional();
    }

    Optional<Row> find(long id) {
        return jdbc.sql("SELECT * FROM users WHERE id = ?").param(id).query((rs, n) -> row(rs)).optional();
    }

    Row get(long id) {
        return find(id).orElseThrow(() -> ApiException.notFound("user", id));
    }

    List<Row> list() {
        return jdbc.sql("SELECT * FROM users ORDER BY username").query((rs, n) -> row(rs)).list();
    }

    long insert(String username, String passwordHash, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO users (username, password_hash, enabled, failed_attempts, created_at) VALUES (?, ?, TRUE, 0, ?)")
                .params(username, passwordHash, Timestamp.from(now)).update(keys, "id");
        return keys.getKey().longValue();
    }

    void setEnabled(long id, boolean enabled) {
        jdbc.sql("UPDATE users SET enabled = ? WHERE id = ?").params(enabled, id).update();
    }

    void setPassword(long id, String passwordHash) {
        jdbc.sql("UPDATE users SET password_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?")
                .params(passwordHash, id).update();
    }

    void recordFailure(long id, int failedAttempts, Instant lockedUntil) {
        jdbc.sql("UPDATE users SET failed_attempts = ?, locked_until = ? WHERE id = ?")
                .params(failedAttempts, lockedUntil == null ? null : Timestamp.from(lockedUntil), id).update();
    }

    void clearFailures(long id) {
        jdbc.sql("UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?").param(id).update();
    }

    /** Workspace id to role, for one user. */
    Map<Long, Role> roles(long userId) {
        Map<Long, Role> roles = new LinkedHashMap<>();
        jdbc.sql("SELECT workspace_id, role FROM memberships WHERE user_id = ? ORDER BY workspace_id").param(userId)
                .query(rs -> {
                    roles.put(rs.getLong("workspace_id"), Role.of(rs.getString("role")));
                });
        return roles;
    }

    void setRole(long userId, long workspaceId, Role role) {
        int updated = jdbc.sql("UPDATE memberships SET role = ? WHERE user_id = ? AND workspace_id = ?")
                .params(role.id(), userId, workspaceId).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO memberships (user_id, workspace_id, role) VALUES (?, ?, ?)").params(userId, workspaceId, role.id()).update();
        }
    }

    void removeRole(long userId, long workspaceId) {
        jdbc.sql("DELETE FROM memberships WHERE user_id = ? AND workspace_id = ?").params(userId, workspaceId).update();
    }

    private static Row row(ResultSet rs) throws SQLException {
        Timestamp locked = rs.getTimestamp("locked_until");
        return new Row(rs.getLong("id"), rs.getString("username"), rs.getString("password_hash"), rs.getBoolean("enabled"),
                rs.getInt("failed_attempts"), locked == null ? null : locked.toInstant(), rs.getTimestamp("created_at").toInstant());
    }
}
