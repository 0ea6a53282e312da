package io.tusk.server.security;

import io.tusk.server.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** First-run setup, login, logout, and who is signed in. */
@RestController
class LoginController {
    private final Accounts accounts;
    private final Sessions sessions;
    private final Access access;
    private final AuditLog audit;
    private final ObjectProvider<ClientRegistrationRepository> identityProviders;

    LoginController(Accounts accounts, Sessions sessions, Access access, AuditLog audit,
                    ObjectProvider<ClientRegistrationRepository> identityProviders) {
        this.identityProviders = identityProviders;
        this.accounts = accounts;
        this.sessions = sessions;
        this.access = access;
        this.audit = audit;
    }

    record Credentials(String username, String password) {
        /** Never the password: Spring MVC logs request bodies at DEBUG. */
        @Override
        public String toString() {
            return "Credentials[username=" + username + "]";
        }
    }

    /** A signed-in session: the CSRF token to send as X-XSRF-TOKEN (also in the XSRF-TOKEN cookie). */
    record SessionStarted(String username, String csrfToken) {
        @Override
        public String toString() {
            return "SessionStarted[username=" + username + "]";
        }
    }

    record Me(long id, String username, List<Access.Membership> workspaces) {
    }

    record Provider(String id, String name, String loginUrl) {
    }

    /** The identity providers a login page offers, if OpenID Connect is configured. */
    @GetMapping("/api/v1/login/providers")
    List<Provider> providers() {
        List<Provider> list = new java.util.ArrayList<>();
        if (identityProviders.getIfAvailable() instanceof Iterable<?> registrations) {
            for (Object r : registrations) {
                if (r instanceof ClientRegistration c) {
                    list.add(new Provider(c.getRegistrationId(), c.getClientName(), "/oauth2/authorization/" + c.getRegistrationId()));
                }
            }
        }
        return list;
    }

    @GetMapping("/api/v1/setup")
    Map<String, Boolean> setupNeeded() {
        return Map.of("setupNeeded", accounts.setupNeeded());
    }

    @PostMapping(path = "/api/v1/setup", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    SessionStarted setup(@RequestBody Credentials credentials, HttpServletRequest request, HttpServletResponse response) {
        TuskUser user = accounts.setup(credentials.username(), credentials.password());
        audit.recordAs(user.username(), "setup", "user " + user.username(), Accounts.DEFAULT_WORKSPACE, "first user, owner of the default workspace", AuditLog.OK);
        return new SessionStarted(user.username(), sessions.start(user, request, response));
    }

    @PostMapping(path = "/api/v1/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    SessionStarted login(@RequestBody Credentials credentials, HttpServletRequest request, HttpServletResponse response) {
        TuskUser user = accounts.login(credentials.username(), credentials.password(), request.getRemoteAddr());
        return new SessionStarted(user.username(), sessions.start(user, request, response));
    }

    @PostMapping("/api/v1/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(HttpServletRequest request, HttpServletResponse response) {
        audit.record("logout", null, null, null, AuditLog.OK);
        sessions.end(request, response);
    }

    @GetMapping("/api/v1/me")
    Me me() {
        TuskUser user = access.user();
        return new Me(user.id(), user.username(), access.memberships());
    }
}
