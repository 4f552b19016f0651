package de.amtsbote.security;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * A configured client of the hub, once authenticated: by API key, bearer token or client certificate, it is
 * the same client with the same rights.
 *
 * @param connectors  for a portal the connectors it submits to, for a specialist system those it answers for
 * @param callbackUrl for a portal, where the hub posts the answers to its submissions; null when it fetches them
 */
public record Client(String id, Set<Role> roles, Set<String> connectors, URI callbackUrl) {

    public Optional<URI> callback() {
        return Optional.ofNullable(callbackUrl);
    }

    /** A specialist system answers only for the connectors it is registered for. */
    public boolean mayAnswerFor(String connectorId) {
        return is(Role.SPECIALIST_SYSTEM) && connectors.contains(connectorId);
    }

    public boolean is(Role role) {
        return roles.contains(role);
    }

    /** A portal may submit only to the connectors it is registered for. */
    public boolean maySubmitTo(String connectorId) {
        return is(Role.PORTAL) && connectors.contains(connectorId);
    }

    /** Operators read every submission, a portal its own. */
    public boolean mayRead(String submittedBy) {
        return is(Role.OPERATOR) || (is(Role.PORTAL) && id.equals(submittedBy));
    }
}
