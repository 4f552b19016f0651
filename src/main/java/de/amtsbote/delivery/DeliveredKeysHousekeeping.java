package de.amtsbote.delivery;

import de.amtsbote.connectors.ConnectorRegistry;
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
class DeliveredKeysHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(DeliveredKeysHousekeeping.class);

    private final JdbcTemplate jdbc;
    private final DeliveryProperties delivery;

    DeliveredKeysHousekeeping(JdbcTemplate jdbc, DeliveryProperties delivery, ConnectorRegistry connectors) {
        this.jdbc = jdbc;
        this.delivery = delivery;
        connectors.destinations().forEach((id, destination) -> {
            if (destination.retry().patience().compareTo(delivery.deliveredKeysRetention()) >= 0) {
                throw new IllegalStateException("amtsbote.delivery.delivered-keys-retention ("
                        + delivery.deliveredKeysRetention() + ") must be longer than the retry patience of destination "
                        + id + " (" + destination.retry().patience() + "), or a late redelivery could be sent twice");
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
