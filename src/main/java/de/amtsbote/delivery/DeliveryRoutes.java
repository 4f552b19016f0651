package de.amtsbote.delivery;

import de.amtsbote.attachments.AttachmentStore;
import de.amtsbote.connectors.ConnectorRegistry;
import de.amtsbote.connectors.Connectors;
import de.amtsbote.connectors.ConnectorsChanged;
import de.amtsbote.connectors.Destination;
import de.amtsbote.tracking.MessageBoxStore;
import de.amtsbote.tracking.TrackingStore;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * One {@link DeliveryRoute} per destination, at startup and after a reload: a new destination gets its queue
 * policy and route, a changed one has its route replaced (a message in delivery finishes first), the others run on.
 */
@Component
class DeliveryRoutes extends RouteBuilder {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRoutes.class);

    private final ConnectorRegistry connectors;
    private final DeliveryProperties delivery;
    private final TrackingStore tracking;
    private final DataSource dataSource;
    private final ObjectProvider<DeliveryOutcomes> outcomes;
    private final ObjectProvider<EmbeddedActiveMQ> embeddedBroker;
    private final ObjectProvider<ExternalBrokerSettings> externalBroker;
    private final MessageBoxStore boxes;
    private final AttachmentStore attachments;

    DeliveryRoutes(ConnectorRegistry connectors, DeliveryProperties delivery, TrackingStore tracking,
                   DataSource dataSource, ObjectProvider<DeliveryOutcomes> outcomes,
                   ObjectProvider<EmbeddedActiveMQ> embeddedBroker, ObjectProvider<ExternalBrokerSettings> externalBroker,
                   MessageBoxStore boxes, AttachmentStore attachments) {
        this.connectors = connectors;
        this.attachments = attachments;
        this.delivery = delivery;
        this.tracking = tracking;
        this.dataSource = dataSource;
        this.outcomes = outcomes;
        this.embeddedBroker = embeddedBroker;
        this.externalBroker = externalBroker;
        this.boxes = boxes;
    }

    @Override
    public void configure() {
        // the routes are DeliveryRoute's, one builder per destination, added below
    }

    @Override
    public void addRoutesToCamelContext(CamelContext context) throws Exception {
        super.addRoutesToCamelContext(context);
        for (Destination destination : connectors.destinations().values()) {
            context.addRoutes(route(destination, connectors.current()));
        }
    }

    @EventListener
    void reloaded(ConnectorsChanged change) throws Exception {
        for (Destination destination : change.current().destinations().values()) {
            Destination before = change.previous().destinations().get(destination.id());
            if (destination.equals(before)) {
                continue;
            }
            applyPolicy(DeliveryConfiguration.queueSettings(delivery, Map.of(destination.id(), destination)));
            String routeId = "delivery-" + destination.id();
            if (getContext().getRoute(routeId) != null) {
                getContext().getRouteController().stopRoute(routeId);
                getContext().removeRoute(routeId);
            }
            getContext().addRoutes(route(destination, change.current()));
            log.info("Delivery route {} {} after the reload", routeId, before == null ? "started" : "replaced");
        }
    }

    /** The embedded broker takes the policy directly, an external one through management. */
    private void applyPolicy(Map<String, AddressSettings> settings) {
        EmbeddedActiveMQ broker = embeddedBroker.getIfAvailable();
        if (broker != null) {
            settings.forEach((queue, setting) -> broker.getActiveMQServer().getAddressSettingsRepository().addMatch(queue, setting));
        }
        ExternalBrokerSettings external = externalBroker.getIfAvailable();
        if (external != null) {
            external.apply(settings);
        }
    }

    private DeliveryRoute route(Destination destination, Connectors set) {
        return new DeliveryRoute(destination, set.credentialsOf(destination.id()), connectors, delivery, tracking,
                dataSource, outcomes, boxes, attachments);
    }
}
