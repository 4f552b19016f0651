package de.amtsbote.delivery;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.amtsbote.connectors.ConnectorConfigurationException;
import de.amtsbote.connectors.ConnectorLoader;
import de.amtsbote.connectors.ConnectorProperties;
import de.amtsbote.connectors.Connectors;
import de.amtsbote.connectors.kit.ConnectorTestKit;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A connector set whose retries outlast the delivered keys is refused, at startup and on a reload alike. */
class DeliveredKeysRetentionTest {

    @Test
    void aRetryPatienceLongerThanTheRetentionIsRefusedNamingTheConnectorFile() throws Exception {
        Connectors shipped = new ConnectorLoader(new ConnectorProperties(Path.of("routes"), Path.of("schemas")),
                ConnectorTestKit.environment()).load();

        assertThatCode(() -> housekeeping(Duration.ofDays(30)).check(shipped)).doesNotThrowAnyException();
        assertThatThrownBy(() -> housekeeping(Duration.ofDays(1)).check(shipped))
                .isInstanceOf(ConnectorConfigurationException.class)
                .hasMessageContaining("connector.yaml").hasMessageContaining("delivered-keys-retention (PT24H)");
    }

    private static DeliveredKeysHousekeeping housekeeping(Duration retention) {
        return new DeliveredKeysHousekeeping(null, new DeliveryProperties("delivery.", "dead-letter", Duration.ofNanos(100_000),
                256, true, retention));
    }
}
