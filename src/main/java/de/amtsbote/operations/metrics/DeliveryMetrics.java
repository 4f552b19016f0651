package de.amtsbote.operations.metrics;

import de.amtsbote.connectors.ConnectorRegistry;
import de.amtsbote.connectors.ConnectorsChanged;
import java.util.Collection;
import org.springframework.context.event.EventListener;
import de.amtsbote.delivery.DeliveryOutcomes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Per destination: messages delivered, failed attempts (retried later), dead letters, and the latency from the
 * hub's acceptance of a submission to the specialist system's confirmation, as a histogram. A message replayed from
 * the dead letters counts from its first acceptance, so its latency includes the time it lay there.
 */
@Component
class DeliveryMetrics implements DeliveryOutcomes {

    static final String DELIVERED = "amtsbote.delivery.delivered";
    static final String FAILED = "amtsbote.delivery.failed";
    static final String DEAD_LETTERS = "amtsbote.delivery.dead.letters";
    static final String LATENCY = "amtsbote.delivery.latency";

    private final MeterRegistry registry;

    DeliveryMetrics(MeterRegistry registry, ConnectorRegistry connectors) {
        this.registry = registry;
        register(connectors.destinations().keySet());
    }

    @EventListener
    void reloaded(ConnectorsChanged change) {
        register(change.current().destinations().keySet());
    }

    /** Every destination shows from the start, with zeros, so that rates and alerts need no "absent" special case. */
    private void register(Collection<String> destinations) {
        destinations.forEach(destination -> {
            delivered(destination);
            failed(destination);
            deadLetters(destination);
            latency(destination);
        });
    }

    @Override
    public void delivered(String destination, int attempt, Instant acceptedAt) {
        delivered(destination).increment();
        if (acceptedAt != null) {
            // clocks of two hub instances may differ a little: never a negative latency
            Duration latency = Duration.between(acceptedAt, Instant.now());
            latency(destination).record(latency.isNegative() ? Duration.ZERO : latency);
        }
    }

    @Override
    public void failed(String destination, int attempt) {
        failed(destination).increment();
    }

    @Override
    public void deadLettered(String destination, int attempt) {
        deadLetters(destination).increment();
    }

    private Counter delivered(String destination) {
        return Counter.builder(DELIVERED).description("Messages the specialist system confirmed")
                .tag("destination", destination).register(registry);
    }

    private Counter failed(String destination) {
        return Counter.builder(FAILED).description("Failed delivery attempts that the broker redelivers later")
                .tag("destination", destination).register(registry);
    }

    private Counter deadLetters(String destination) {
        return Counter.builder(DEAD_LETTERS).description("Messages moved to the dead-letter store")
                .tag("destination", destination).register(registry);
    }

    private Timer latency(String destination) {
        return Timer.builder(LATENCY).description("From the hub's acceptance of a submission to its delivery")
                .tag("destination", destination)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofDays(3)) // a retry patience of about three days
                .register(registry);
    }
}
