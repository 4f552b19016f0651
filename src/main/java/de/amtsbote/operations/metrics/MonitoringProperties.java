package de.amtsbote.operations.metrics;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Tunables of the hub's metrics and destination health.
 *
 * @param brokerReadInterval how long a reading of the broker (queue depth, oldest message) and of the dead-letter
 *                           store is reused: scrapes and health probes never hit the broker more often than this
 * @param destinations       when a destination counts as DEGRADED or DOWN
 */
@Validated
@ConfigurationProperties("amtsbote.monitoring")
public record MonitoringProperties(@NotNull Duration brokerReadInterval, @Valid @NotNull DestinationHealth destinations) {

    /**
     * @param downAfterFailures     DOWN when this many attempts in a row failed (the last N attempts)
     * @param degradedAfterFailures DEGRADED from this many failed attempts in a row (retries are piling up)
     * @param degradedQueueAge      DEGRADED while the oldest message waiting for the destination is older than this
     */
    public record DestinationHealth(@Positive int downAfterFailures, @Positive int degradedAfterFailures,
                                    @NotNull Duration degradedQueueAge) {
    }
}
