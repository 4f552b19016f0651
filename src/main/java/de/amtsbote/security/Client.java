package de.amtsbote.security;

import java.util.Set;

/**
 * A configured client of the hub, once authenticated: by API key, bearer token or client certificate, it is
 * the same client with the same rights.
 */
public record Client(String id, Set<Role> roles, Set<String> connectors) {

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
