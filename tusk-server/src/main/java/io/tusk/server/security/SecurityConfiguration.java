package io.tusk.server.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Who may call what. Public: the health probe, the first-run setup, the login, the login and setup pages and the
 * UI's static assets. Everything else needs a session (from {@code POST /api/v1/login}) or an API token. The API
 * description ({@code /api/docs}) is not public: it maps every endpoint and parameter, which helps an attacker
 * more than a user who has not logged in; scripts read it with a token.
 *
 * <p>CSRF: a session is a cookie the browser sends by itself, so every state-changing request on a session must
 * carry the {@code XSRF-TOKEN} cookie's value in the {@code X-XSRF-TOKEN} header (double-submit: another site can
 * make the browser send the cookie, but cannot read it). Requests with no signed-in session have nothing to forge
 * and get 401 instead. Requests with a bearer token are exempt: a browser never
 * adds that header by itself. Login and setup are exempt too, as there is no session yet to ride on; they accept
 * only {@code application/json}, which a cross-site form cannot send without a CORS preflight that the server
 * never grants.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; object-src 'none';"
            + " base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    CookieCsrfTokenRepository csrfTokenRepository() {
        // readable by the UI's script (it copies it into the header), Secure over HTTPS (the repository's default
        // follows request.isSecure()), SameSite=Lax as the session cookie
        CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
        repository.setCookieCustomizer(cookie -> cookie.sameSite("Lax").path("/"));
        return repository;
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ApiTokens tokens, UserRepository users,
                                            CookieCsrfTokenRepository csrfTokens, SecurityContextRepository contexts,
                                            ObjectProvider<ClientRegistrationRepository> identityProviders, OidcLogin oidc) throws Exception {
        if (identityProviders.getIfAvailable() != null) {
            // Spring Security's own endpoints: /oauth2/authorization/{provider} starts, /login/oauth2/code/{provider} ends
            http.oauth2Login(login -> login.loginPage("/login").successHandler(oidc::succeeded).failureHandler(oidc::failed));
        }
        http.authorizeHttpRequests(requests -> requests
                        // the first dispatch was authorized; an error page or the end of a streamed download
                        // (an async dispatch, where no filter sees the API token again) must not be refused
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/api/v1/setup", "/api/v1/login", "/api/v1/login/providers").permitAll()
                        .requestMatchers(HttpMethod.GET, "/oauth2/authorization/*", "/login/oauth2/code/*").permitAll()
                        .requestMatchers(HttpMethod.GET, "/login", "/setup", "/assets/**", "/css/**", "/js/**", "/favicon.ico").permitAll()
                        .anyRequest().authenticated())
                .securityContext(context -> context.securityContextRepository(contexts))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        // the plain handler: the header must equal the cookie (no per-response masking, which only
                        // matters when the token is reflected into compressed pages)
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .ignoringRequestMatchers(ApiTokenFilter::hasBearer, SecurityConfiguration::loginOrSetup,
                                SecurityConfiguration::signedOut))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            // API calls and metrics scrapers get an answer a program reads; pages a redirect
                            if (request.getRequestURI().startsWith("/api/") || request.getRequestURI().startsWith("/actuator/")) {
                                Problems.write(response, 401, "Unauthorized", "log in (POST /api/v1/login) or send"
                                        + " an API token as \"Authorization: Bearer tusk_...\"");
                            } else {
                                // fixed targets only: nothing from the request goes into a redirect
                                response.sendRedirect(users.any() ? "/login" : "/setup");
                            }
                        })
                        .accessDeniedHandler((request, response, e) -> Problems.write(response, 403, "Forbidden",
                                e instanceof CsrfException
                                        ? "missing or wrong CSRF token: send the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header"
                                        : "not allowed: " + e.getMessage())))
                // an unauthenticated API call must not create a session to remember it by
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frames -> frames.deny()))
                .addFilterBefore(new ApiTokenFilter(tokens), AnonymousAuthenticationFilter.class)
                .addFilterAfter(new ActiveUserFilter(users), ApiTokenFilter.class);
        return http.build();
    }

    /**
     * A request that rides on no signed-in session has nothing to forge: it is refused as unauthenticated (401),
     * not as a CSRF failure. The session's security context is loaded before the CSRF filter runs.
     */
    private static boolean signedOut(HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !(auth.getPrincipal() instanceof TuskUser);
    }

    private static boolean loginOrSetup(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.equals("/api/v1/login") || path.equals("/api/v1/setup");
    }
}
