package io.tusk.server.security;

import io.tusk.server.api.ApiException;
import io.tusk.server.audit.AuditLog;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The first-run setup, password logins and new accounts. */
@Service
class Accounts {
    /** The workspace the migration creates; the first user owns it. */
    static final long DEFAULT_WORKSPACE = 1;
    private final UserRepository users;
    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final JdbcClient jdbc;

    Accounts(UserRepository users, Passwords passwords, LoginThrottle throttle, AuditLog audit, JdbcClient jdbc) {
        this.users = users;
        this.passwords = passwords;
        this.throttle = throttle;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    boolean setupNeeded() {
        return !users.any();
    }

    /**
     * Creates the first user, owner of the default workspace, only while there is no user at all. The default
     * workspace's row is locked first, so that two setups at once cannot both succeed.
     */
    @Transactional
    TuskUser setup(String username, String password) {
        Passwords.checkUsername(username);
        Passwords.check(password);
        jdbc.sql("SELECT id FROM workspaces WHERE id = ? FOR UPDATE").param(DEFAULT_WORKSPACE).query(Long.class).optional();
        if (users.any()) {
            throw ApiException.conflict("the server is already set up: log in with an existing account");
        }
        long id = users.insert(username, passwords.hash(password), throttle.now());
        users.setRole(id, DEFAULT_WORKSPACE, Role.OWNER);
        return new TuskUser(id, username);
    }

    TuskUser createUser(String username, String password) {
        Passwords.checkUsername(username);
        if (users.find(username).isPresent()) {
            throw new ApiException(HttpStatus.CONFLICT, "username", "the username \"" + username + "\" is taken: choose another");
        }
        long id = users.insert(username, passwords.hash(password), throttle.now());
        return new TuskUser(id, username);
    }

    /** Checks a password login, counting failures per account and per client address; audited either way. */
    TuskUser login(String username, String password, String address) {
        Instant addressBlocked = throttle.addressBlockedUntil(address);
        if (addressBlocked != null) {
            audit.recordAs(username, "login", null, null, "too many failed logins from this address", AuditLog.DENIED);
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, null, "too many failed logins from " + address
                    + ": try again after " + addressBlocked);
        }
        UserRepository.Row user = username == null ? null : users.find(username).orElse(null);
        if (user == null) {
            passwords.spendDecoyCheck(password);
            failed(username, address, "unknown user");
        }
        if (throttle.locked(user)) {
            audit.recordAs(username, "login", null, null, "account locked until " + user.lockedUntil(), AuditLog.DENIED);
            throw new ApiException(HttpStatus.UNAUTHORIZED, null, "the account \"" + username + "\" is locked until "
                    + user.lockedUntil() + " after " + throttle.maxFailures() + " failed logins: wait, or ask an admin to set a new password");
        }
        if (!passwords.matches(password, user.passwordHash())) {
            int failures = throttle.failuresAfter(user);
            Instant lockUntil = throttle.lockUntil(failures);
            users.recordFailure(user.id(), failures, lockUntil);
            failed(username, address, lockUntil == null ? "wrong password (" + failures + " in a row)" : "wrong password; locked until " + lockUntil);
        }
        if (!user.enabled()) {
            audit.recordAs(username, "login", null, null, "account disabled", AuditLog.DENIED);
            throw new ApiException(HttpStatus.UNAUTHORIZED, null, "the account \"" + username + "\" is disabled: ask an admin of your workspace");
        }
        users.clearFailures(user.id());
        audit.recordAs(username, "login", null, null, null, AuditLog.OK);
        return user.user();
    }

    private void failed(String username, String address, String why) {
        throttle.addressFailed(address);
        audit.recordAs(username, "login", null, null, why, AuditLog.FAILED);
        // the same answer for an unknown user and a wrong password: it must not tell which accounts exist
        throw new ApiException(HttpStatus.UNAUTHORIZED, null, "wrong username or password");
    }
}
