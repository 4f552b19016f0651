package de.amtsbote.security;

import de.amtsbote.demo.DemoProperties;
import java.util.List;
import java.util.Set;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * The embedded defaults ship demo credentials so that a first run works with curl. Under the profile
 * {@code production} the hub refuses to start while any of them, or the demo specialist system, is still set.
 */
@Component
class ProductionGuard {

    static final String PROFILE = "production";
    /** The keys in the shipped {@code application.yaml}: anyone can read them. */
    static final Set<String> DEMO_KEYS = Set.of("demo-portal-key", "demo-operator-key");

    ProductionGuard(Environment environment, SecurityProperties security, DemoProperties demo) {
        if (!environment.acceptsProfiles(Profiles.of(PROFILE))) {
            return;
        }
        List<String> demoClients = security.clients().entrySet().stream()
                .filter(client -> DEMO_KEYS.contains(client.getValue().apiKey()))
                .map(client -> "amtsbote.security.clients." + client.getKey() + ".api-key")
                .sorted().toList();
        if (!demoClients.isEmpty()) {
            throw new IllegalStateException("Profile " + PROFILE + " with the demo API keys still set: remove or replace "
                    + String.join(", ", demoClients) + " (from the environment or a secrets file)");
        }
        if (demo.enabled()) {
            throw new IllegalStateException("Profile " + PROFILE + " with the demo specialist system on: set amtsbote.demo.enabled=false");
        }
    }
}
