package io.tusk.server.security;

import io.tusk.server.api.ApiException;
import io.tusk.server.audit.AuditLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users and their roles, managed by the owners and admins of a workspace. An admin manages viewers and operators;
 * an owner manages every role. Each sees only the users of the workspaces they manage, and only those roles.
 */
@RestController
@RequestMapping("/api/v1/users")
class UserController {
    private final UserRepository users;
    private final Accounts accounts;
    private final Access access;
    private final Passwords passwords;
    private final AuditLog audit;

    UserController(UserRepository users, Accounts accounts, Access access, Passwords passwords, AuditLog audit) {
        this.users = users;
        this.accounts = accounts;
        this.access = access;
        this.passwords = passwords;
        this.audit = audit;
    }

    record NewUser(String username, String password, Long workspaceId, String role) {
        @Override
        public String toString() {
            return "NewUser[username=" + username + ", workspaceId=" + workspaceId + ", role=" + role + "]";
        }
    }

    record RoleChange(String role) {
    }

    /** Left-out fields stay as they are; a new password also ends a lockout. */
    record UserChange(Boolean enabled, String password) {
        @Override
        public String toString() {
            return "UserChange[enabled=" + enabled + ", password=" + (password == null ? "(unchanged)" : "(given)") + "]";
        }
    }

    record UserView(long id, String username, boolean enabled, boolean locked, Map<Long, String> roles) {
    }

    @GetMapping
    List<UserView> list() {
        Set<Long> managed = managedWorkspaces();
        return users.list().stream().map(this::view).filter(u -> u.roles().keySet().stream().anyMatch(managed::contains))
                .map(u -> new UserView(u.id(), u.username(), u.enabled(), u.locked(), restricted(u.roles(), managed))).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    UserView create(@RequestBody NewUser request) {
        long workspace = access.workspaceForNew(request.workspaceId(), Role.ADMIN);
        Role role = Role.of(request.role());
        requireManage(workspace, role);
        TuskUser user = accounts.createUser(request.username(), request.password());
        users.setRole(user.id(), workspace, role);
        audit.record("user.create", "user " + user.username(), workspace, "role " + role.id(), AuditLog.OK);
        return view(users.get(user.id()));
    }

    @PutMapping("/{id}/workspaces/{workspaceId}")
    @Transactional
    UserView setRole(@PathVariable long id, @PathVariable long workspaceId, @RequestBody RoleChange request) {
        access.require(workspaceId, Role.ADMIN, "workspace", workspaceId);
        UserRepository.Row target = visible(id);
        Role role = Role.of(request.role());
        requireManage(workspaceId, role);
        Role current = users.roles(id).get(workspaceId);
        if (current != null) {
            requireManage(workspaceId, current);
            keepAnOwner(id, workspaceId, current, role);
        }
        users.setRole(id, workspaceId, role);
        audit.record("user.role", "user " + target.username(), workspaceId, (current == null ? "none" : current.id()) + " -> " + role.id(), AuditLog.OK);
        return view(users.get(id));
    }

    @DeleteMapping("/{id}/workspaces/{workspaceId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    void removeRole(@PathVariable long id, @PathVariable long workspaceId) {
        access.require(workspaceId, Role.ADMIN, "workspace", workspaceId);
        UserRepository.Row target = visible(id);
        Role current = users.roles(id).get(workspaceId);
        if (current == null) {
            throw ApiException.notFound("membership of user " + id + " in workspace", workspaceId);
        }
        requireManage(workspaceId, current);
        keepAnOwner(id, workspaceId, current, null);
        users.removeRole(id, workspaceId);
        audit.record("user.role", "user " + target.username(), workspaceId, current.id() + " -> none", AuditLog.OK);
    }

    /** Disabling or resetting a user's password needs the right to manage them in every workspace they are in. */
    @PutMapping("/{id}")
    @Transactional
    UserView change(@PathVariable long id, @RequestBody UserChange request) {
        UserRepository.Row target = visible(id);
        users.roles(id).forEach((workspace, role) -> {
            if (!access.canSee(workspace)) {
                // without naming the workspace: its existence is not this caller's to learn
                throw new ApiException(HttpStatus.FORBIDDEN, null, "the user \"" + target.username() + "\" is also a member of"
                        + " a workspace you do not manage, whose owners must agree: remove them from yours instead");
            }
            requireManage(workspace, role);
        });
        if (request.enabled() != null) {
            if (!request.enabled() && id == access.user().id()) {
                throw ApiException.badRequest("enabled", "you cannot disable your own account: ask another owner");
            }
            users.setEnabled(id, request.enabled());
            audit.record(request.enabled() ? "user.enable" : "user.disable", "user " + target.username(), null, null, AuditLog.OK);
        }
        if (request.password() != null) {
            users.setPassword(id, passwords.hash(request.password()));
            audit.record("user.password", "user " + target.username(), null, "set by " + access.user().username(), AuditLog.OK);
        }
        return view(users.get(id));
    }

    /** Refuses (403) a user who manages no workspace at all: users are for owners and admins. */
    private Set<Long> managedWorkspaces() {
        Set<Long> managed = access.workspaces(Role.ADMIN);
        if (managed.isEmpty()) {
            throw new ApiException(HttpStatus.FORBIDDEN, null, "users are managed by the owners and admins of a workspace;"
                    + " ask one of them");
        }
        return managed;
    }

    private UserRepository.Row visible(long id) {
        Set<Long> managed = managedWorkspaces();
        UserRepository.Row target = users.find(id).orElseThrow(() -> ApiException.notFound("user", id));
        if (users.roles(id).keySet().stream().noneMatch(managed::contains)) {
            throw ApiException.notFound("user", id);
        }
        return target;
    }

    private void requireManage(long workspaceId, Role role) {
        access.require(workspaceId, Role.ADMIN, "workspace", workspaceId);
        Role mine = access.roles().get(workspaceId);
        if (mine != Role.OWNER && role.atLeast(Role.ADMIN)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "role", "only an owner of the workspace manages its admins and owners;"
                    + " as " + mine.id() + " you manage viewers and operators");
        }
    }

    private void keepAnOwner(long userId, long workspaceId, Role current, Role next) {
        if (current != Role.OWNER || next == Role.OWNER) {
            return;
        }
        long owners = users.list().stream().filter(u -> u.id() != userId && users.roles(u.id()).get(workspaceId) == Role.OWNER).count();
        if (owners == 0) {
            throw ApiException.conflict("this is the workspace's last owner: make another user owner first");
        }
    }

    private UserView view(UserRepository.Row row) {
        Map<Long, String> roles = new LinkedHashMap<>();
        users.roles(row.id()).forEach((w, r) -> roles.put(w, r.id()));
        boolean locked = row.lockedUntil() != null && row.lockedUntil().isAfter(java.time.Instant.now());
        return new UserView(row.id(), row.username(), row.enabled(), locked, roles);
    }

    private static Map<Long, String> restricted(Map<Long, String> roles, Set<Long> managed) {
        Map<Long, String> kept = new LinkedHashMap<>();
        roles.forEach((w, r) -> {
            if (managed.contains(w)) {
                kept.put(w, r);
            }
        });
        return kept;
    }
}
