package de.amtsbote;

import java.util.Map;

/** The demo clients of the embedded defaults, as tests and load tools present themselves. */
public final class DemoClients {

    public static final String API_KEY_HEADER = "X-API-Key";
    public static final String PORTAL_KEY = "demo-portal-key";
    public static final String OPERATOR_KEY = "demo-operator-key";

    /**
     * For hubs under load tools: their load is one client, and the hub's capacity is what they measure, not the
     * per-client limits.
     */
    public static final Map<String, String> UNLIMITED = Map.of(
            "amtsbote.security.limits.requests-per-second", "1000000",
            "amtsbote.security.limits.concurrent-requests", "100000");

    private DemoClients() {
    }
}
