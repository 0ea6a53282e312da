package io.tusk.server.security;

import io.tusk.server.api.ApiException;
import io.tusk.server.audit.AuditLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * What the signed-in user may do, by their role in the workspace an object belongs to. An object of a workspace
 * the user is not a member of answers exactly as one that does not exist (404), so that ids cannot be probed
 * across workspaces; a member whose role is too weak gets 403, naming the role needed. Roles are read from the
 * database on every check, so a changed role applies to sessions and tokens at once.
 */
@Component
public class Access {
    private final JdbcClient jdbc;
    private final UserRepository users;
    private final AuditLog audit;

    Access(JdbcClient jdbc, UserRepository users, AuditLog audit) {
        this.jdbc = jdbc;
        this.users = users;
        this.audit = audit;
    }

    public record Membership(long workspaceId, String workspace, String role) {
    }

    public TuskUser user() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof TuskUser user) {
            return user;
        }
        throw new ApiException(HttpStatus.UNAUTHORIZED, null, "log in first");
    }

    public Map<Long, Role> roles() {
        return users.roles(user().id());
    }

    public List<Membership> memberships() {
        List<Membership> list = new ArrayList<>();
        roles().forEach((workspace, role) -> list.add(new Membership(workspace, workspaceName(workspace), role.id())));
        return list;
    }

    /** The workspaces where the user has at least {@code role}. */
    public Set<Long> workspaces(Role role) {
        return roles().entrySet().stream().filter(e -> e.getValue().atLeast(role)).map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    public boolean canSee(long workspaceId) {
        return roles().containsKey(workspaceId);
    }

    /** Refuses unless the user has at least {@code needed} in the workspace that holds the object. */
    public void require(long workspaceId, Role needed, String what, Object id) {
        Role role = roles().get(workspaceId);
        if (role == null) {
            throw ApiException.notFound(what, id);
        }
        if (!role.atLeast(needed)) {
            // a member trying what their role does not allow is worth an auditor's eye
            audit.record("access.denied", what + " " + id, workspaceId, "needs " + needed.id() + ", has " + role.id(), AuditLog.DENIED);
            throw new ApiException(HttpStatus.FORBIDDEN, null, "your role in the workspace \"" + workspaceName(workspaceId)
                    + "\" is " + role.id() + ", and this needs " + needed.id() + " or above: ask an owner or admin of the workspace");
        }
    }

    /**
     * The workspace a new object goes into: the one asked for, or else the user's only workspace, or else the
     * default workspace if the user is a member of it.
     */
    public long workspaceForNew(Long requested, Role needed) {
        long workspace;
        if (requested != null) {
            workspace = requested;
        } else {
            Map<Long, Role> roles = roles();
            if (roles.size() == 1) {
                workspace = roles.keySet().iterator().next();
            } else if (roles.containsKey(Accounts.DEFAULT_WORKSPACE)) {
                workspace = Accounts.DEFAULT_WORKSPACE;
            } else {
                throw ApiException.badRequest("workspaceId", "you are a member of several workspaces: say which with workspaceId");
            }
        }
        require(workspace, needed, "workspace", workspace);
        return workspace;
    }

    public long database(long databaseId, Role needed) {
        long workspace = workspaceOf("SELECT workspace_id FROM databases WHERE id = ?", databaseId, "database");
        require(workspace, needed, "database", databaseId);
        return workspace;
    }

    public long storage(long storageId, Role needed) {
        long workspace = workspaceOf("SELECT workspace_id FROM storages WHERE id = ?", storageId, "storage");
        require(workspace, needed, "storage", storageId);
        return workspace;
    }

    public long notifier(long notifierId, Role needed) {
        long workspace = workspaceOf("SELECT workspace_id FROM notifiers WHERE id = ?", notifierId, "notifier");
        require(workspace, needed, "notifier", notifierId);
        return workspace;
    }

    public long schedule(long scheduleId, Role needed) {
        long workspace = workspaceOf("SELECT d.workspace_id FROM schedules s JOIN databases d ON d.id = s.database_id WHERE s.id = ?",
                scheduleId, "schedule");
        require(workspace, needed, "schedule", scheduleId);
        return workspace;
    }

    public long run(long runId, Role needed) {
        long workspace = workspaceOf("SELECT d.workspace_id FROM runs r JOIN databases d ON d.id = r.database_id WHERE r.id = ?",
                runId, "run");
        require(workspace, needed, "run", runId);
        return workspace;
    }

    public long backup(String backupId, Role needed) {
        long workspace = workspaceOf("SELECT d.workspace_id FROM backups b JOIN databases d ON d.id = b.database_id WHERE b.backup_id = ?",
                backupId, "backup");
        require(workspace, needed, "backup", backupId);
        return workspace;
    }

    /**
     * For a database named in a request body (a schedule's, a restore's target): its workspace, after checking the
     * role, or null when there is no such database (the service then refuses it). One of another workspace gets
     * the services' answer for a missing one, {@code 400 no database with id N}, so the two cannot be told apart.
     */
    public Long referencedDatabase(long databaseId, Role needed, String field) {
        Long workspace = workspaceOfDatabase(databaseId);
        if (workspace == null) {
            return null;
        }
        if (!canSee(workspace)) {
            throw ApiException.badRequest(field, "no database with id " + databaseId);
        }
        require(workspace, needed, "database", databaseId);
        return workspace;
    }

    /** The workspace of a database, for filtering lists; null when the database is gone. */
    public Long workspaceOfDatabase(long databaseId) {
        return jdbc.sql("SELECT workspace_id FROM databases WHERE id = ?").param(databaseId).query(Long.class).optional().orElse(null);
    }

    String workspaceName(long workspaceId) {
        return jdbc.sql("SELECT name FROM workspaces WHERE id = ?").param(workspaceId).query(String.class).optional().orElse("#" + workspaceId);
    }

    private long workspaceOf(String sql, Object id, String what) {
        return jdbc.sql(sql).param(id).query(Long.class).optional().orElseThrow(() -> ApiException.notFound(what, id));
    }
}
