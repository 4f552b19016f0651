package de.amtsbote.security;

import java.util.Map;

/** The demo portal's API key, sent with every request so that these tests hold once the API requires one. */
final class PortalKey {

    static final Map<String, String> HEADERS = Map.of("X-API-Key", "demo-portal-key");

    private PortalKey() {
    }
}
