package de.amtsbote.operations.metrics;

import de.amtsbote.connectors.ConnectorRegistry;
import de.amtsbote.connectors.ConnectorsChanged;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * Gauges per destination from the latest {@link Backlog} reading: queue depth, age of the oldest waiting message,
 * dead letters waiting for an operator. NaN while the broker (or the database) has not answered. Counts carry no
 * unit (no Prometheus suffix); the age is in seconds.
 */
@Component
class BacklogMetrics {

    static final String QUEUE_DEPTH = "amtsbote.queue.depth";
    static final String OLDEST_MESSAGE_AGE = "amtsbote.queue.oldest.message.age";
    static final String DEAD_LETTERS_STORED = "amtsbote.dead.letters.stored";

    private final MeterRegistry registry;
    private final Backlog backlog;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    BacklogMetrics(MeterRegistry registry, ConnectorRegistry connectors, Backlog backlog) {
        this.registry = registry;
        this.backlog = backlog;
        register(connectors.destinations().keySet());
    }

    @EventListener
    void reloaded(ConnectorsChanged change) {
        register(change.current().destinations().keySet());
    }

    private void register(Collection<String> destinations) {
        destinations.stream().filter(registered::add).forEach(destination -> {
            gauge(registry, backlog, destination, QUEUE_DEPTH, null,
                    "Messages in the destination's queue (waiting, scheduled for redelivery, in delivery)",
                    reading -> reading.brokerAnswered() ? reading.queued() : Double.NaN);
            gauge(registry, backlog, destination, OLDEST_MESSAGE_AGE, "seconds",
                    "Age of the oldest message waiting for the destination; 0 when none waits",
                    reading -> reading.brokerAnswered() ? reading.oldestAge().toMillis() / 1000.0 : Double.NaN);
            gauge(registry, backlog, destination, DEAD_LETTERS_STORED, null,
                    "Dead letters of the destination waiting for an operator (replay or discard)",
                    reading -> reading.deadLetters() < 0 ? Double.NaN : reading.deadLetters());
        });
    }

    private static void gauge(MeterRegistry registry, Backlog backlog, String destination, String name, String unit,
                              String description, ToDoubleFunction<Backlog.Reading> value) {
        Gauge.builder(name, backlog, b -> b.of(destination).map(value::applyAsDouble).orElse(Double.NaN))
                .description(description).baseUnit(unit).tag("destination", destination).register(registry);
    }
}
