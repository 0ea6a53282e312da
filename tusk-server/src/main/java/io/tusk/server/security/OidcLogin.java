package io.tusk.server.security;

import io.tusk.server.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * OpenID Connect login, for teams with an identity provider (configured with Spring Boot's
 * {@code spring.security.oauth2.client.*} properties). The provider proves who someone is; Tusk still decides what
 * they may do: the claim {@code tusk.oidc.username-claim} (default {@code preferred_username}) must name an
 * enabled Tusk user, made beforehand by an admin with the roles they are to have. Nobody gets in just by having an
 * account at the provider.
 */
@Component
class OidcLogin {
    private final UserRepository users;
    private final Sessions sessions;
    private final AuditLog audit;
    private final String usernameClaim;

    OidcLogin(UserRepository users, Sessions sessions, AuditLog audit, @Value("${tusk.oidc.username-claim:preferred_username}") String usernameClaim) {
        this.users = users;
        this.sessions = sessions;
        this.audit = audit;
        this.usernameClaim = usernameClaim;
    }

    /** Signs the matching Tusk user in on a fresh session, or refuses; redirects to fixed pages only. */
    void succeeded(HttpServletRequest request, HttpServletResponse response, Authentication authentication) throws IOException {
        String provider = authentication instanceof OAuth2AuthenticationToken t ? t.getAuthorizedClientRegistrationId() : "?";
        String username = authentication.getPrincipal() instanceof OidcUser oidc ? oidc.getClaimAsString(usernameClaim) : null;
        UserRepository.Row user = username == null ? null : users.find(username).orElse(null);
        if (user == null || !user.enabled()) {
            sessions.end(request, response);
            audit.recordAs(username, "login", null, null, "openid connect (" + provider + "): "
                    + (user == null ? "no Tusk user \"" + username + "\" (claim " + usernameClaim + ")" : "account disabled"), AuditLog.FAILED);
            response.sendRedirect("/login?error=oidc");
            return;
        }
        sessions.start(user.user(), request, response);
        audit.recordAs(user.username(), "login", null, null, "openid connect (" + provider + ")", AuditLog.OK);
        response.sendRedirect("/");
    }

    void failed(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        audit.recordAs(null, "login", null, null, "openid connect: " + e.getMessage(), AuditLog.FAILED);
        response.sendRedirect("/login?error=oidc");
    }
}
