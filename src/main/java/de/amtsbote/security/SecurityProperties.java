package de.amtsbote.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may call the hub, and how much.
 *
 * @param apiKeyHeader the request header that carries a static API key
 * @param clients      the clients by id: the id is what audit log, tracking records and bearer tokens
 *                     ({@code client_id}) name
 * @param limits       what each client may send unless its own entry says otherwise
 */
@Validated
@ConfigurationProperties("amtsbote.security")
public record SecurityProperties(@DefaultValue("X-API-Key") @NotBlank String apiKeyHeader,
                                 @DefaultValue Map<String, @Valid ClientProperties> clients,
                                 @DefaultValue @Valid @NotNull Limits limits) {

    /**
     * One client.
     *
     * @param roles         what it is
     * @param apiKey        its static key, if it authenticates by one (from the environment or a secrets file)
     * @param certificateCn the common name of its client certificate, if it authenticates by mutual TLS
     * @param connectors    for a portal, the connectors it may submit to; for a specialist system, those it answers for
     * @param limits        its own limits instead of the defaults
     * @param callbackUrl   for a portal, where the hub posts the answers to its submissions (optional)
     */
    public record ClientProperties(@DefaultValue Set<Role> roles, String apiKey, String certificateCn,
                                   @DefaultValue Set<String> connectors, @Valid Limits limits, URI callbackUrl) {
    }

    /**
     * @param requestsPerSecond  requests per second before the client gets 429
     * @param concurrentRequests requests in progress at once before the client gets 429
     */
    public record Limits(@DefaultValue("200") @Positive int requestsPerSecond,
                         @DefaultValue("32") @Positive int concurrentRequests) {
    }
}
