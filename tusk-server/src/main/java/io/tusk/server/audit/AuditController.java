package io.tusk.server.audit;

import io.tusk.server.api.ApiException;
import io.tusk.server.security.Access;
import io.tusk.server.security.Role;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log for the admins and owners of a workspace: that workspace's events; the admins and owners of the
 * default workspace also see the server's own (logins, setup, tokens, master key). Read only: there is no API to
 * change or delete an event.
 */
@RestController
class AuditController {
    private static final Long DEFAULT_WORKSPACE = 1L;
    private final AuditQuery query;
    private final Access access;

    AuditController(AuditQuery query, Access access) {
        this.query = query;
        this.access = access;
    }

    @GetMapping("/api/v1/audit")
    List<AuditEvent> list(@RequestParam(required = false) String user, @RequestParam(required = false) String action,
                          @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                          @RequestParam(defaultValue = "1000") int limit) {
        return find(user, action, from, to, limit);
    }

    @GetMapping("/api/v1/audit.csv")
    ResponseEntity<String> csv(@RequestParam(required = false) String user, @RequestParam(required = false) String action,
                               @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                               @RequestParam(defaultValue = "100000") int limit) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"tusk-audit.csv\"")
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(AuditCsv.of(find(user, action, from, to, limit)));
    }

    private List<AuditEvent> find(String user, String action, String from, String to, int limit) {
        Set<Long> workspaces = access.workspaces(Role.ADMIN);
        if (workspaces.isEmpty()) {
            throw new ApiException(HttpStatus.FORBIDDEN, null, "the audit log is for the admins and owners of a workspace;"
                    + " ask one of them");
        }
        return query.find(user, action, instant("from", from), instant("to", to), workspaces, workspaces.contains(DEFAULT_WORKSPACE), limit);
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field, field + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z but is \"" + value + "\"");
        }
    }
}
