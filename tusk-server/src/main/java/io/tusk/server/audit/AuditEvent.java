package io.tusk.server.audit;

import java.time.Instant;

/**
 * One entry of the audit log: who ({@code user}, null for the server itself), did what ({@code action}, such as
 * {@code login} or {@code backup.download}), to which {@code object}, from which {@code ip}, and the
 * {@code outcome}: ok, failed or denied.
 */
public record AuditEvent(long id, Instant at, String user, String action, String object, String detail, String ip,
                         String outcome, Long workspaceId) {
}
