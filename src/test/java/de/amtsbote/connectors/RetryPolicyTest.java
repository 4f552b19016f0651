package de.amtsbote.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

class RetryPolicyTest {

    @Test
    void theShippedPolicyOutlastsAThreeDayOutageWithWaitsOfAtMostFifteenMinutes() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yaml"))
                .forEach(environment.getPropertySources()::addLast);

        Destination.Retry retry = new ConnectorLoader(new ConnectorProperties(Path.of("routes"), Path.of("schemas")),
                environment).load().destinations().get("bauaufsicht").retry();

        assertThat(retry.patience()).isGreaterThanOrEqualTo(Duration.ofDays(3)).isLessThan(Duration.ofDays(4));
        assertThat(retry.maxDelay()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void patienceAddsTheGrowingWaitsUpToTheirCap() {
        Destination.Retry retry = new Destination.Retry(5, Duration.ofSeconds(1), 2, Duration.ofSeconds(5));

        // waits before attempts 2..5: 1 s, 2 s, 4 s, then 8 s capped at 5 s
        assertThat(retry.patience()).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void theWaitAfterAnAttemptGrowsFromTheDelayToTheCap() {
        Destination.Retry retry = new Destination.Retry(300, Duration.ofMillis(500), 3, Duration.ofSeconds(10));

        assertThat(retry.delayAfter(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(retry.delayAfter(3)).isEqualTo(Duration.ofMillis(4_500));
        assertThat(retry.delayAfter(4)).isEqualTo(Duration.ofSeconds(10));
        assertThat(retry.delayAfter(299)).isEqualTo(Duration.ofSeconds(10));
    }
}
