package io.tusk.server.security;

import io.tusk.server.api.ApiException;
import io.tusk.server.audit.AuditLog;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Workspaces group databases and storages (and their schedules, runs and backups). The owners of the default
 * workspace, the server's first workspace, create the others and become their first owner.
 */
@RestController
@RequestMapping("/api/v1/workspaces")
class WorkspaceController {
    private final JdbcClient jdbc;
    private final Access access;
    private final UserRepository users;
    private final AuditLog audit;
    private final Clock clock;

    WorkspaceController(JdbcClient jdbc, Access access, UserRepository users, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    record WorkspaceRequest(String name) {
    }

    @GetMapping
    List<Access.Membership> mine() {
        return access.memberships();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    Access.Membership create(@RequestBody WorkspaceRequest request) {
        access.require(Accounts.DEFAULT_WORKSPACE, Role.OWNER, "workspace", Accounts.DEFAULT_WORKSPACE);
        if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
            throw ApiException.badRequest("name", "a workspace needs a name of 1 to 200 characters");
        }
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO workspaces (name, created_at) VALUES (?, ?)").params(request.name(), Timestamp.from(clock.instant()))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        users.setRole(access.user().id(), id, Role.OWNER);
        audit.record("workspace.create", "workspace " + request.name(), id, null, AuditLog.OK);
        return new Access.Membership(id, request.name(), Role.OWNER.id());
    }
}
