package de.amtsbote;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code amtsbote.data-dir} absolute before anything uses it: H2 refuses relative file URLs, and the broker
 * journal and the database must end up in the same place whatever the working directory.
 */
class DataDirectory implements EnvironmentPostProcessor {

    static final String PROPERTY = "amtsbote.data-dir";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty(PROPERTY);
        if (configured != null) {
            String absolute = Path.of(configured).toAbsolutePath().normalize().toString();
            environment.getPropertySources().addFirst(new MapPropertySource("amtsboteDataDir", Map.of(PROPERTY, absolute)));
        }
    }
}
