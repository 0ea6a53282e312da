package io.tusk.server.security;

import io.tusk.server.audit.AuditLog;
import org.springframework.stereotype.Component;

/** For callers outside the security package (tusk serve --demo): whether the first user exists, and making it. */
@Component
public class FirstRun {
    private final Accounts accounts;
    private final AuditLog audit;

    FirstRun(Accounts accounts, AuditLog audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    public boolean needed() {
        return accounts.setupNeeded();
    }

    /** The first user, owner of the default workspace. */
    public void createOwner(String username, String password, String how) {
        TuskUser user = accounts.setup(username, password);
        audit.recordAs(null, "setup", "user " + user.username(), Accounts.DEFAULT_WORKSPACE, how, AuditLog.OK);
    }

    public static long defaultWorkspace() {
        return Accounts.DEFAULT_WORKSPACE;
    }
}
