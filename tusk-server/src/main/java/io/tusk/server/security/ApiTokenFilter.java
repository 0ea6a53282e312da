package io.tusk.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer tusk_...}: the request runs as the token's user, for this request only (nothing is
 * stored in a session). A request that sends a bearer token that is unknown or revoked is refused outright, even if
 * it also carries a session cookie: since it is exempt from CSRF checks, a bearer header must never fall back to
 * the cookie. Not a bean, so that Spring Boot does not also register it as a servlet filter of its own.
 */
final class ApiTokenFilter extends OncePerRequestFilter {
    private static final String BEARER = "Bearer ";
    private final ApiTokens tokens;

    ApiTokenFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    static boolean hasBearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!hasBearer(request)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<TuskUser> user = tokens.user(request.getHeader("Authorization").substring(BEARER.length()).trim());
        if (user.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            Problems.write(response, 401, "Unauthorized", "the API token is unknown or revoked: create a new one"
                    + " with POST /api/v1/tokens while logged in");
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.get(), null, List.of()));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }
}
