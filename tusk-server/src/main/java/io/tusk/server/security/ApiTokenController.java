package io.tusk.server.security;

import io.tusk.server.audit.AuditLog;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's own API tokens. A token acts with its user's roles, whatever they are at the time. */
@RestController
@RequestMapping("/api/v1/tokens")
class ApiTokenController {
    private final ApiTokens tokens;
    private final Access access;
    private final AuditLog audit;

    ApiTokenController(ApiTokens tokens, Access access, AuditLog audit) {
        this.tokens = tokens;
        this.access = access;
        this.audit = audit;
    }

    record TokenRequest(String name) {
    }

    /** The answer is the only time the token is shown. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ApiTokens.Created create(@RequestBody TokenRequest request) {
        ApiTokens.Created created = tokens.create(access.user(), request.name());
        audit.record("token.create", "token " + created.id() + " (" + created.name() + ")", null, null, AuditLog.OK);
        return created;
    }

    @GetMapping
    List<ApiTokens.Listed> list() {
        return tokens.list(access.user());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable long id) {
        String name = tokens.revoke(access.user(), id);
        audit.record("token.revoke", "token " + id + " (" + name + ")", null, null, AuditLog.OK);
    }
}
