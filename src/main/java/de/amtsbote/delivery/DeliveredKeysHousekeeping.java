package de.amtsbote.delivery;

import de.amtsbote.connectors.ConnectorConfigurationException;
import de.amtsbote.connectors.Connectors;
import de.amtsbote.connectors.ConnectorsCheck;
import java.time.Duration;
import java.sql.Timestamp;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The delivery routes' idempotent repository gains a row per delivered message. A key only matters while the broker
 * may still redeliver its message, which is at most the longest retry patience; older keys are removed, so the
 * table stays small however long the hub runs. Every hub instance may do this; the delete is the same.
 */
@Component
class DeliveredKeysHousekeeping implements ConnectorsCheck {

    private static final Logger log = LoggerFactory.getLogger(DeliveredKeysHousekeeping.class);

    private final JdbcTemplate jdbc;
    private final DeliveryProperties delivery;

    DeliveredKeysHousekeeping(JdbcTemplate jdbc, DeliveryProperties delivery) {
        this.jdbc = jdbc;
        this.delivery = delivery;
    }

    /** Before a connector set is in force: a key must outlive every redelivery of its message. */
    @Override
    public void check(Connectors candidate) {
        candidate.byId().values().forEach(connector -> {
            Duration patience = connector.destination().retry().patience();
            if (patience.compareTo(delivery.deliveredKeysRetention()) >= 0) {
                throw new ConnectorConfigurationException(connector.file(), "the retry patience of destination "
                        + connector.destinationId() + " (" + patience + ") must be shorter than"
                        + " amtsbote.delivery.delivered-keys-retention (" + delivery.deliveredKeysRetention()
                        + "), or a late redelivery could be sent twice");
            }
        });
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    void removeExpiredKeys() {
        Instant before = Instant.now().minus(delivery.deliveredKeysRetention());
        int removed = jdbc.update("delete from camel_messageprocessed where createdat < ?", Timestamp.from(before));
        if (removed > 0) {
            log.info("Removed {} delivered-message keys older than {}", removed, delivery.deliveredKeysRetention());
        }
    }
}
