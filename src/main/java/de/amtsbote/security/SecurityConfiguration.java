package de.amtsbote.security;

import de.amtsbote.demo.DemoFamiliencardOffice;
import de.amtsbote.demo.DemoProperties;
import de.amtsbote.msgbox.MessageBoxProperties;
import de.amtsbote.xta.XtaProperties;
import jakarta.servlet.DispatcherType;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;

/**
 * Who may call what. Three ways in, all ending at one configured {@link Client}: a client certificate (mutual
 * TLS, when {@code server.ssl.client-auth} asks for one), a bearer token from the city's identity provider (when
 * {@code spring.security.oauth2.resourceserver.jwt.*} names it), or a static API key. Everything not listed here
 * is refused, and only health and the API description (with Swagger UI, static) are public.
 */
@Configuration
class SecurityConfiguration {

    /** X.509 subject: the client is found by the certificate's common name. */
    private static final String COMMON_NAME = "CN=(.+?)(?:,|$)";

    @Bean
    SecurityFilterChain api(HttpSecurity http, Clients clients, SecurityProperties security, DemoProperties demo,
                            XtaProperties xta, MessageBoxProperties messageBoxes,
                            RefusalResponses refusals, ObjectProvider<JwtDecoder> jwtDecoder) throws Exception {
        AuthenticationFilter apiKeys = new AuthenticationFilter(new ProviderManager(ApiKeyAuthentication.provider(clients)),
                ApiKeyAuthentication.converter(security.apiKeyHeader()));
        apiKeys.setSuccessHandler((request, response, authentication) -> {
            // go on to the API: no redirect, no session
        });
        apiKeys.setFailureHandler(new AuthenticationEntryPointFailureHandler(refusals));

        http.csrf(AbstractHttpConfigurer::disable) // no cookies, no sessions: every request brings its credentials
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .x509(x509 -> x509.subjectPrincipalRegex(COMMON_NAME).userDetailsService(clients::byCertificateCn))
                .addFilterBefore(apiKeys, AnonymousAuthenticationFilter.class)
                .exceptionHandling(refused -> refused.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
                .authorizeHttpRequests(requests -> {
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                            .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**",
                                    "/v3/api-docs", "/v3/api-docs/**",
                                    "/swagger-ui.html", "/swagger-ui/**").permitAll()
                            .requestMatchers(HttpMethod.POST, "/api/v1/submissions").hasRole(Role.PORTAL.name())
                            // XTA sendMessage (and its WSDL): a door for portals like the REST intake, and for the
                            // answers of specialist systems (those that pull from message boxes speak XTA both ways)
                            .requestMatchers("/services" + xta.push().path())
                            .hasAnyRole(Role.PORTAL.name(), Role.SPECIALIST_SYSTEM.name())
                            .requestMatchers(HttpMethod.GET, "/api/v1/submissions/*", "/api/v1/submissions/*/answers",
                                    "/api/v1/answers/*/payload", "/api/v1/answers/*/documents/*")
                            .hasAnyRole(Role.PORTAL.name(), Role.OPERATOR.name())
                            .requestMatchers(HttpMethod.POST, "/api/v1/answers").hasRole(Role.SPECIALIST_SYSTEM.name())
                            // the SOAP door for answers (and its WSDL), for specialist systems that speak SOAP
                            .requestMatchers("/services/antworten").hasRole(Role.SPECIALIST_SYSTEM.name())
                            .requestMatchers(HttpMethod.GET, "/api/v1/answers").hasRole(Role.OPERATOR.name())
                            // specialist systems pull from message-box destinations: REST, and XTA's MsgBoxPort
                            .requestMatchers(HttpMethod.GET, "/api/v1/message-boxes/*/messages",
                                    "/api/v1/message-boxes/*/messages/*", "/api/v1/message-boxes/*/messages/*/documents/*")
                                    .hasRole(Role.SPECIALIST_SYSTEM.name())
                            .requestMatchers(HttpMethod.POST, "/api/v1/message-boxes/*/messages/*/close")
                            .hasRole(Role.SPECIALIST_SYSTEM.name())
                            .requestMatchers("/services" + messageBoxes.soap().path()).hasRole(Role.SPECIALIST_SYSTEM.name())
                            .requestMatchers("/api/v1/dead-letters", "/api/v1/dead-letters/**", "/api/v1/connectors",
                                    "/api/v1/connectors/**", "/api/v1/xta/refusals", "/actuator/**")
                            .hasRole(Role.OPERATOR.name());
                    if (demo.enabled()) {
                        // the demo specialist system stands for one outside the hub, which has its own door
                        requests.requestMatchers("/services" + demo.path(), DemoFamiliencardOffice.PATH).permitAll();
                    }
                    requests.anyRequest().denyAll();
                });
        JwtDecoder decoder = jwtDecoder.getIfAvailable();
        if (decoder != null) {
            http.oauth2ResourceServer(tokens -> tokens
                    .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(tokenClients(clients)))
                    .authenticationEntryPoint(refusals)
                    .accessDeniedHandler(refusals));
        }
        return http.build();
    }

    /**
     * A client-credentials token names its client in {@code client_id} (RFC 9068), {@code azp} or {@code sub}; the
     * client's roles come from the hub's configuration, not from the token. An unknown client gets no role.
     */
    static Converter<Jwt, AbstractAuthenticationToken> tokenClients(Clients clients) {
        return jwt -> {
            String clientId = Stream.of(jwt.getClaimAsString("client_id"), jwt.getClaimAsString("azp"), jwt.getSubject())
                    .filter(Objects::nonNull).findFirst().orElse("unnamed");
            List<GrantedAuthority> authorities = clients.byId(clientId).map(Clients::authorities).orElse(List.of());
            return new JwtAuthenticationToken(jwt, authorities, clientId);
        };
    }
}
