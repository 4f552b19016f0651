package de.amtsbote.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The operations console's door, beside the API's. Browsers cannot send an API key header, so an operator signs in
 * with a form: the client id as user name, its API key as password. Only operators get in (a portal's key is
 * refused at sign-in); the session lives in a cookie, so every form carries a CSRF token. The API chain stays
 * stateless and keeps everything outside {@code /console}.
 */
@Configuration
class ConsoleSecurityConfiguration {

    static final String LOGIN = "/console/login";

    /**
     * The console needs no script at all: the policy forbids every script, inline or not, and everything from
     * elsewhere, so even markup that slipped through escaping could not run.
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain console(HttpSecurity http, Clients clients, AuditLog audit) throws Exception {
        http.securityMatcher("/console", "/console/**")
                .authenticationManager(new ProviderManager(operators(clients)))
                .formLogin(login -> login.loginPage(LOGIN).permitAll()
                        .defaultSuccessUrl("/console", true)
                        .failureHandler((request, response, failure) -> {
                            audit.refused(request.getParameter("username"), request, 401, "console sign-in refused");
                            response.sendRedirect(request.getContextPath() + LOGIN + "?error");
                        }))
                .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl(LOGIN + "?logout"))
                .exceptionHandling(refused -> refused.accessDeniedHandler((request, response, denied) -> {
                    // a missing or wrong CSRF token ends here too
                    Authentication who = SecurityContextHolder.getContext().getAuthentication();
                    audit.refused(who == null ? "anonymous" : who.getName(), request, 403, denied.getMessage());
                    response.sendError(HttpServletResponse.SC_FORBIDDEN);
                }))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(LOGIN, "/console/console.css", "/console/favicon.svg").permitAll()
                        .anyRequest().hasRole(Role.OPERATOR.name()));
        return http.build();
    }

    /** Client id and API key of an operator; any other client, or a wrong key, is the same "bad credentials". */
    static AuthenticationProvider operators(Clients clients) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                Object key = authentication.getCredentials();
                return clients.byIdAndKey(authentication.getName(), key == null ? null : key.toString())
                        .filter(client -> client.is(Role.OPERATOR))
                        .map(client -> UsernamePasswordAuthenticationToken.authenticated(client.id(), null,
                                Clients.authorities(client)))
                        .orElseThrow(() -> new BadCredentialsException("Not an operator, or not its key"));
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }
}
