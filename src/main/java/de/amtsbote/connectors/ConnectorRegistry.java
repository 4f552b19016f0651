package de.amtsbote.connectors;

import de.amtsbote.xoev.HeaderProfile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.xml.namespace.QName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;

/**
 * The connectors the hub runs on. Loaded at startup, where a broken connector stops the hub; reloaded on an
 * operator's request, where a broken change is refused and the running set stays in force. A set is replaced as a
 * whole, so a submission sees one consistent version of its connector.
 */
@Component
public class ConnectorRegistry {

    private static final Logger log = LoggerFactory.getLogger(ConnectorRegistry.class);

    private final ConnectorLoader loader;
    private final Consumer<ConnectorsChanged> changes;
    private final Supplier<List<ConnectorsCheck>> checks;
    private volatile Connectors current;

    @Autowired
    ConnectorRegistry(ConnectorProperties properties, ConfigurableEnvironment environment, ApplicationEventPublisher events,
                      ObjectProvider<ConnectorsCheck> checks) {
        this(new ConnectorLoader(properties, environment), events::publishEvent, () -> checks.orderedStream().toList());
    }

    ConnectorRegistry(ConnectorLoader loader, Consumer<ConnectorsChanged> changes, Supplier<List<ConnectorsCheck>> checks) {
        this.loader = loader;
        this.changes = changes;
        this.checks = checks;
        this.current = load();
        current.byId().values().forEach(connector -> log.info("Connector '{}' loaded: {} message type(s) to destination '{}' ({})",
                connector.id(), connector.definition().messages().size(), connector.destinationId(),
                connector.destination().protocol()));
    }

    /**
     * Loads the connector folders again and, if every connector is valid, puts the new set in force. A connector or
     * destination may be added or changed, not removed: messages for it may still wait in its queue.
     *
     * @return what changed, by connector id
     * @throws ConnectorConfigurationException naming the file and the problem; the running set stays
     */
    public synchronized Reload reload() {
        Connectors previous = current;
        Connectors next = load();
        for (String id : previous.byId().keySet()) {
            if (!next.byId().containsKey(id)) {
                throw new ConnectorConfigurationException(previous.byId().get(id).file(), "connector '" + id
                        + "' is gone; removing a connector needs a restart, once its queue is empty");
            }
        }
        for (String id : previous.destinations().keySet()) {
            if (!next.destinations().containsKey(id)) {
                throw new ConnectorConfigurationException(previous.byId().values().stream()
                        .filter(c -> c.destinationId().equals(id)).findFirst().orElseThrow().file(),
                        "destination '" + id + "' is no longer named; removing a destination needs a restart, once its queue is empty");
            }
        }
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        next.byId().forEach((id, connector) -> {
            Connector before = previous.byId().get(id);
            if (before == null) {
                added.add(id);
            } else if (!before.definition().equals(connector.definition()) || !before.destination().equals(connector.destination())) {
                changed.add(id);
            }
        });
        current = next;
        log.info("Connectors reloaded: {} added {}, {} changed {}, {} in force", added.size(), added, changed.size(),
                changed, next.byId().size());
        changes.accept(new ConnectorsChanged(previous, next));
        return new Reload(added, changed, List.copyOf(next.byId().keySet()));
    }

    private Connectors load() {
        Connectors loaded = loader.load();
        checks.get().forEach(check -> check.check(loaded));
        return loaded;
    }

    /** @param added new connectors; @param changed connectors whose definition or destination changed */
    public record Reload(List<String> added, List<String> changed, List<String> connectors) {
    }

    public Connectors current() {
        return current;
    }

    /** The header profile for a root namespace, or null when no connector takes that standard. */
    public HeaderProfile profileForNamespace(String namespace) {
        return current.profilesByNamespace().get(namespace);
    }

    public Optional<Connector> forRoot(QName root) {
        return Optional.ofNullable(current.byRoot().get(root));
    }

    /** The connector whose specialist system answers with messages of this root element. */
    public Optional<Connector> forAnswer(QName root) {
        return Optional.ofNullable(current.answersByRoot().get(root));
    }

    public Connector byId(String id) {
        Connector connector = current.byId().get(id);
        if (connector == null) {
            throw new IllegalArgumentException("Unknown connector " + id);
        }
        return connector;
    }

    public Collection<Connector> all() {
        return current.byId().values();
    }

    /** Every destination a connector names, by id. */
    public Map<String, Destination> destinations() {
        return current.destinations();
    }
}
