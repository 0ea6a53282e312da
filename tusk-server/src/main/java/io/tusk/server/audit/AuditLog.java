package io.tusk.server.audit;

import io.tusk.server.security.TuskUser;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.Timestamp;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Appends to the audit log. Each event is written in its own transaction, so that a refused or failed action is
 * recorded even when the action's own transaction rolls back. The signed-in user and the client address come from
 * the current request; details must never hold a secret.
 */
@Component
public class AuditLog {
    public static final String OK = "ok";
    public static final String FAILED = "failed";
    public static final String DENIED = "denied";
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** An action of the signed-in user. */
    public void record(String action, String object, Long workspaceId, String detail, String outcome) {
        recordAs(currentUsername(), action, object, workspaceId, detail, outcome);
    }

    /** An action of a named user who is not signed in (yet): a login, a setup. */
    public void recordAs(String username, String action, String object, Long workspaceId, String detail, String outcome) {
        String ip = clientAddress();
        ownTransaction.executeWithoutResult(status -> jdbc.sql("""
                        INSERT INTO audit_events (at, username, action, object, detail, ip, outcome, workspace_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(clock.instant()), truncate(username, 100), action, truncate(object, 500),
                        truncate(detail, 4000), ip, outcome, workspaceId)
                .update());
        LOG.info("audit: {} {} {} by {} from {}", action, object == null ? "" : object, outcome, username, ip);
    }

    /** An action of the server itself (a schedule firing), in the workspace of the database it concerns. */
    public void recordForDatabase(String action, String object, long databaseId, String detail) {
        Long workspace = jdbc.sql("SELECT workspace_id FROM databases WHERE id = ?").param(databaseId).query(Long.class).optional().orElse(null);
        recordAs(null, action, object, workspace, detail, OK);
    }

    private static String currentUsername() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof TuskUser user ? user.username() : null;
    }

    private static String clientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
