package de.amtsbote.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** The configured clients, found by whichever credential a request brings. */
@Component
public class Clients {

    private final Map<String, Client> byId;
    private final Map<String, SecurityProperties.ClientProperties> properties;
    private final SecurityProperties.Limits defaultLimits;

    Clients(SecurityProperties security) {
        this.properties = security.clients();
        this.defaultLimits = security.limits();
        this.byId = properties.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                entry -> new Client(entry.getKey(), Set.copyOf(entry.getValue().roles()),
                        Set.copyOf(entry.getValue().connectors()), entry.getValue().callbackUrl())));
    }

    public Optional<Client> byId(String id) {
        return Optional.ofNullable(id).map(byId::get);
    }

    /** Compares with every configured key in constant time, so the answer's timing tells nothing about the keys. */
    Optional<Client> byApiKey(String presented) {
        byte[] key = presented.getBytes(StandardCharsets.UTF_8);
        Client found = null;
        for (Map.Entry<String, SecurityProperties.ClientProperties> entry : properties.entrySet()) {
            String configured = entry.getValue().apiKey();
            if (configured != null && !configured.isEmpty()
                    && MessageDigest.isEqual(configured.getBytes(StandardCharsets.UTF_8), key)) {
                found = byId.get(entry.getKey());
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * For the console's sign-in: the client with this id, if the key is its key. The key is compared in constant
     * time, and an unknown id costs the same comparison, so the answer's timing tells neither ids nor keys.
     */
    Optional<Client> byIdAndKey(String id, String presented) {
        byte[] key = (presented == null ? "" : presented).getBytes(StandardCharsets.UTF_8);
        SecurityProperties.ClientProperties entry = id == null ? null : properties.get(id);
        String configured = entry == null || entry.apiKey() == null ? "" : entry.apiKey();
        boolean matches = MessageDigest.isEqual(configured.getBytes(StandardCharsets.UTF_8), key);
        return matches && !configured.isEmpty() ? Optional.of(byId.get(id)) : Optional.empty();
    }

    /** For mutual TLS: the client whose certificate has this common name. */
    UserDetails byCertificateCn(String commonName) {
        return properties.entrySet().stream()
                .filter(entry -> commonName.equals(entry.getValue().certificateCn()))
                .map(entry -> byId.get(entry.getKey()))
                .findFirst()
                .map(client -> User.withUsername(client.id()).password("").authorities(authorities(client)).build())
                .orElseThrow(() -> new UsernameNotFoundException("No client has certificate CN " + commonName));
    }

    /** The client a request was authenticated as: the authentication's name is the client id for every kind. */
    public Client of(Authentication authentication) {
        return byId(authentication == null ? null : authentication.getName())
                .orElseThrow(() -> new AuthenticationCredentialsNotFoundException("Not a configured client"));
    }

    /**
     * The client that called a SOAP endpoint the hub serves through CXF: the security chain wrapped the HTTP request,
     * so its principal is the caller's authentication.
     */
    public Client ofSoapCaller(Exchange exchange) {
        Message cxf = exchange.getMessage().getHeader(CxfConstants.CAMEL_CXF_MESSAGE, Message.class);
        HttpServletRequest request = cxf == null ? null : (HttpServletRequest) cxf.get(AbstractHTTPDestination.HTTP_REQUEST);
        return of(request != null && request.getUserPrincipal() instanceof Authentication authentication ? authentication : null);
    }

    static List<GrantedAuthority> authorities(Client client) {
        return client.roles().stream().map(Role::authority).map(SimpleGrantedAuthority::new)
                .map(GrantedAuthority.class::cast).toList();
    }

    SecurityProperties.Limits limitsOf(String clientId) {
        return Optional.ofNullable(properties.get(clientId)).map(SecurityProperties.ClientProperties::limits)
                .orElse(defaultLimits);
    }
}
