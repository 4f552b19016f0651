package de.amtsbote.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

class RetryPolicyTest {

    @Test
    void theDefaultPolicyOutlastsAThreeDayOutageWithWaitsOfAtMostFifteenMinutes() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yaml"))
                .forEach(environment.getPropertySources()::addLast);

        DestinationProperties.Retry retry = Binder.get(environment)
                .bindOrCreate("amtsbote", DestinationProperties.class).destinations().get("bauaufsicht").retry();

        assertThat(retry.patience()).isGreaterThanOrEqualTo(Duration.ofDays(3)).isLessThan(Duration.ofDays(4));
        assertThat(retry.maxDelay()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void patienceAddsTheGrowingWaitsUpToTheirCap() {
        DestinationProperties.Retry retry = new DestinationProperties.Retry(5, Duration.ofSeconds(1), 2, Duration.ofSeconds(5));

        // waits before attempts 2..5: 1 s, 2 s, 4 s, then 8 s capped at 5 s
        assertThat(retry.patience()).isEqualTo(Duration.ofSeconds(12));
    }
}
