package de.amtsbote.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A static API key in a request header, for the embedded demo and for portals that cannot do better. Spring
 * Security's {@code AuthenticationFilter} runs it: this class converts the header and checks the key.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final String clientId;
    private final String key;

    private ApiKeyAuthentication(String key) {
        super(null);
        this.clientId = null;
        this.key = key;
    }

    private ApiKeyAuthentication(Client client) {
        super(Clients.authorities(client));
        this.clientId = client.id();
        this.key = null;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return key;
    }

    @Override
    public Object getPrincipal() {
        return clientId;
    }

    @Override
    public String getName() {
        return clientId;
    }

    /** Reads the key from the header; requests without it are left to the other authentication methods. */
    static AuthenticationConverter converter(String header) {
        return (HttpServletRequest request) -> {
            String key = request.getHeader(header);
            return key == null || key.isBlank() ? null : new ApiKeyAuthentication(key.strip());
        };
    }

    static AuthenticationProvider provider(Clients clients) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                return clients.byApiKey((String) authentication.getCredentials())
                        .map(ApiKeyAuthentication::new)
                        .orElseThrow(() -> new BadCredentialsException("Unknown API key"));
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return ApiKeyAuthentication.class.isAssignableFrom(authentication);
            }
        };
    }
}
