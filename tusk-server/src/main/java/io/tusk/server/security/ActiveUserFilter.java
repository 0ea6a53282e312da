package io.tusk.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends the session of a user who was disabled after logging in: a session must not outlive the account. (API
 * tokens of a disabled user stop working by themselves: their lookup requires an enabled user.)
 */
final class ActiveUserFilter extends OncePerRequestFilter {
    private final UserRepository users;

    ActiveUserFilter(UserRepository users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof TuskUser user
                && !users.find(user.id()).map(UserRepository.Row::enabled).orElse(false)) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            Problems.write(response, 401, "Unauthorized", "the account \"" + user.username() + "\" is disabled: ask an admin of your workspace");
            return;
        }
        chain.doFilter(request, response);
    }
}
