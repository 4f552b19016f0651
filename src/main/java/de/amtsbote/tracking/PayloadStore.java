package de.amtsbote.tracking;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The content of submissions as received, for operators who must see what a portal sent. It is personal data, so it
 * is kept only for {@code amtsbote.tracking.payload-retention} after acceptance (zero keeps nothing) and deleted by
 * the hourly housekeeping; the delivery itself never reads it (the broker carries the message).
 */
@Component
public class PayloadStore {

    private static final Logger log = LoggerFactory.getLogger(PayloadStore.class);

    private final JdbcTemplate jdbc;
    private final TrackingProperties properties;

    PayloadStore(JdbcTemplate jdbc, TrackingProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    public void keep(TrackingId trackingId, byte[] payload) {
        if (!properties.payloadRetention().isZero()) {
            jdbc.update("insert into submission_payload (tracking_id, payload, kept_at) values (?, ?, ?)",
                    trackingId.value(), payload, Timestamp.from(Instant.now()));
        }
    }

    public Optional<byte[]> find(TrackingId trackingId) {
        List<byte[]> found = jdbc.query("select payload from submission_payload where tracking_id = ?",
                (row, number) -> row.getBytes(1), trackingId.value());
        return found.stream().findFirst();
    }

    public Duration retention() {
        return properties.payloadRetention();
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    void removeExpired() {
        int removed = jdbc.update("delete from submission_payload where kept_at < ?",
                Timestamp.from(Instant.now().minus(properties.payloadRetention())));
        if (removed > 0) {
            log.info("Removed the content of {} submissions older than {}", removed, properties.payloadRetention());
        }
    }
}
