package io.tusk.server.security;

import io.tusk.server.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Headless first run: with {@code TUSK_ADMIN_PASSWORD} (property {@code tusk.admin.password}) set and no user
 * yet, creates the first user ({@code TUSK_ADMIN_USER}, default {@code admin}) as owner of the default workspace,
 * before the server takes requests. Once any user exists the variable is ignored, so it never resets a password.
 */
@Component
class AdminBootstrap implements SmartInitializingSingleton {
    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);
    private final Accounts accounts;
    private final AuditLog audit;
    private final String username;
    private final String password;

    AdminBootstrap(Accounts accounts, AuditLog audit, @Value("${tusk.admin.user:admin}") String username,
                   @Value("${tusk.admin.password:}") String password) {
        this.accounts = accounts;
        this.audit = audit;
        this.username = username;
        this.password = password;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!accounts.setupNeeded()) {
            if (!password.isEmpty()) {
                LOG.info("users exist already: TUSK_ADMIN_PASSWORD is ignored (it only creates the first user)");
            }
            return;
        }
        if (password.isEmpty()) {
            LOG.warn("no user yet: open the server in a browser to create the first one, or POST /api/v1/setup,"
                    + " or start it with TUSK_ADMIN_PASSWORD set");
            return;
        }
        TuskUser user = accounts.setup(username, password);
        audit.recordAs(null, "setup", "user " + user.username(), Accounts.DEFAULT_WORKSPACE, "from TUSK_ADMIN_PASSWORD", AuditLog.OK);
        LOG.info("created the first user \"{}\", owner of the default workspace, from TUSK_ADMIN_PASSWORD", user.username());
    }
}
