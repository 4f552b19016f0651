package de.amtsbote.operations.health;

import de.amtsbote.connectors.ConnectorRegistry;
import de.amtsbote.connectors.ConnectorsChanged;
import java.util.Collection;
import org.springframework.context.event.EventListener;
import de.amtsbote.delivery.DeliveryOutcomes;
import de.amtsbote.operations.metrics.Backlog;
import de.amtsbote.operations.metrics.MonitoringProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * A circuit-style state per destination, computed from what the delivery routes recorded and from the latest
 * {@link Backlog} reading: a probe never calls a specialist system, and never the broker.
 * <ul>
 *   <li>DOWN: the last {@code down-after-failures} attempts to it failed (a failed attempt that will be retried and
 *       one that ended in the dead letters count alike);</li>
 *   <li>DEGRADED: retries pile up: {@code degraded-after-failures} or more attempts in a row failed, or the oldest
 *       message waiting for it is older than {@code degraded-queue-age};</li>
 *   <li>UP otherwise, also before the first attempt. One confirmed delivery ends a run of failures.</li>
 * </ul>
 * The state is this hub instance's view (kept in memory, UP again after a restart until attempts say otherwise).
 * Waiting for an earlier message of the same case is not an attempt and does not count.
 */
@Component("destinationsHealthContributor") // "destinations" in the health endpoint
class DestinationHealth implements DeliveryOutcomes, CompositeHealthContributor {

    static final Status DEGRADED = new Status("DEGRADED", "Retries are piling up");
    static final String STATE_METRIC = "amtsbote.destination.up";

    private static final Logger log = LoggerFactory.getLogger(DestinationHealth.class);

    private final MonitoringProperties.DestinationHealth thresholds;
    private final Backlog backlog;
    private final Map<String, Record> records = new java.util.concurrent.ConcurrentSkipListMap<>(); // a reload adds while probes read

    private final MeterRegistry registry;

    DestinationHealth(ConnectorRegistry connectors, MonitoringProperties monitoring, Backlog backlog,
                      MeterRegistry registry) {
        this.thresholds = monitoring.destinations();
        this.backlog = backlog;
        this.registry = registry;
        register(connectors.destinations().keySet());
    }

    @EventListener
    void reloaded(ConnectorsChanged change) {
        register(change.current().destinations().keySet());
    }

    private synchronized void register(Collection<String> destinations) {
        destinations.stream().filter(destination -> !records.containsKey(destination)).forEach(destination -> {
            records.put(destination, new Record());
            Gauge.builder(STATE_METRIC, this, health -> value(health.status(destination)))
                    .description("Destination state: 1 UP, 0.5 DEGRADED, 0 DOWN")
                    .tag("destination", destination).register(registry);
        });
    }

    @Override
    public void delivered(String destination, int attempt, Instant acceptedAt) {
        record(destination).succeeded();
        logChange(destination);
    }

    @Override
    public void failed(String destination, int attempt) {
        record(destination).failed();
        logChange(destination);
    }

    @Override
    public void deadLettered(String destination, int attempt) {
        if (attempt == 0) {
            return; // the specialist system was not called
        }
        record(destination).failed();
        logChange(destination);
    }

    @Override
    public HealthContributor getContributor(String destination) {
        return records.containsKey(destination) ? indicator(destination) : null;
    }

    @Override
    public Iterator<NamedContributor<HealthContributor>> iterator() {
        return records.keySet().stream()
                .map(destination -> NamedContributor.of(destination, (HealthContributor) indicator(destination)))
                .iterator();
    }

    private HealthIndicator indicator(String destination) {
        return () -> health(destination);
    }

    Health health(String destination) {
        Record record = record(destination);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("consecutiveFailures", record.consecutiveFailures.get());
        details.put("downAfterFailures", thresholds.downAfterFailures());
        putIfSet(details, "lastSuccess", record.lastSuccess.get());
        putIfSet(details, "lastFailure", record.lastFailure.get());
        backlog.of(destination).ifPresent(reading -> {
            if (reading.brokerAnswered()) {
                details.put("queued", reading.queued());
                details.put("oldestMessageAge", reading.oldestAge().toString());
            }
            if (reading.deadLetters() >= 0) {
                details.put("deadLetters", reading.deadLetters());
            }
        });
        return Health.status(status(destination)).withDetails(details).build();
    }

    Status status(String destination) {
        int failures = record(destination).consecutiveFailures.get();
        if (failures >= thresholds.downAfterFailures()) {
            return Status.DOWN;
        }
        boolean oldMessages = backlog.of(destination)
                .map(reading -> reading.oldestAge().compareTo(thresholds.degradedQueueAge()) > 0).orElse(false);
        return failures >= thresholds.degradedAfterFailures() || oldMessages ? DEGRADED : Status.UP;
    }

    private void logChange(String destination) {
        Status now = status(destination);
        Status before = record(destination).lastLogged.getAndSet(now);
        if (!now.equals(before)) {
            if (Status.UP.equals(now)) {
                log.info("Destination {} is {} again", destination, now.getCode());
            } else {
                log.warn("Destination {} is {} ({} attempts in a row failed)", destination, now.getCode(),
                        record(destination).consecutiveFailures.get());
            }
        }
    }

    private Record record(String destination) {
        Record record = records.get(destination);
        if (record == null) {
            throw new IllegalArgumentException("Unknown destination " + destination);
        }
        return record;
    }

    private static double value(Status status) {
        return Status.UP.equals(status) ? 1 : DEGRADED.equals(status) ? 0.5 : 0;
    }

    private static void putIfSet(Map<String, Object> details, String key, Instant value) {
        if (value != null) {
            details.put(key, value.toString());
        }
    }

    /** The outcomes of one destination's attempts, as far as the state needs them. */
    private static final class Record {
        final AtomicInteger consecutiveFailures = new AtomicInteger();
        final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
        final AtomicReference<Instant> lastFailure = new AtomicReference<>();
        final AtomicReference<Status> lastLogged = new AtomicReference<>(Status.UP);

        void succeeded() {
            consecutiveFailures.set(0);
            lastSuccess.set(Instant.now());
        }

        void failed() {
            consecutiveFailures.incrementAndGet();
            lastFailure.set(Instant.now());
        }
    }
}
