package de.amtsbote.operations;

import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The beans that listen for one kind of outcome (metrics, destination health), told of each in their order. A
 * listener's failure is logged and never touches the submission. They are looked up once, when first told: a bean
 * lookup for every message cost about a per cent of the hub's CPU under load.
 *
 * @param <T> the listener type, e.g. {@code DeliveryOutcomes}
 */
public final class Listeners<T> {

    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    private final ObjectProvider<T> provider;
    private final String outcome;
    private volatile List<T> listeners;

    /** @param outcome what they are told of, for the log line of a failure, e.g. "Delivery outcome" */
    public Listeners(ObjectProvider<T> provider, String outcome) {
        this.provider = provider;
        this.outcome = outcome;
    }

    public void tell(Consumer<T> event) {
        List<T> known = listeners;
        if (known == null) {
            known = provider.orderedStream().toList();
            listeners = known;
        }
        for (T listener : known) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                log.warn("{} not recorded by {}: {}", outcome, listener.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
