package de.amtsbote.delivery;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * One switch for an external broker: Spring Boot starts the embedded broker whenever its classes are present, even
 * with {@code spring.artemis.mode=native}, so that mode alone would leave an unused broker holding a journal lock in
 * the data directory. Native mode turns the embedded broker off unless it is set explicitly.
 */
class ExternalBrokerEnvironment implements EnvironmentPostProcessor {

    private static final String EMBEDDED_ENABLED = "spring.artemis.embedded.enabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if ("native".equalsIgnoreCase(environment.getProperty("spring.artemis.mode"))
                && !environment.containsProperty(EMBEDDED_ENABLED)) {
            environment.getPropertySources().addLast(
                    new MapPropertySource("amtsboteExternalBroker", Map.of(EMBEDDED_ENABLED, "false")));
        }
    }
}
