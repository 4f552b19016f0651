package de.amtsbote.delivery;

import de.amtsbote.connectors.ConnectorRegistry;
import java.util.Map;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import jakarta.jms.Message;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.QueueRequestor;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * On an external broker the hub sets its destination queues' redelivery policy itself, through Artemis' management
 * address, so that {@code application.yaml} stays the one place for it (as with the embedded broker). The hub's
 * broker user needs the {@code manage} permission; an operator who keeps the policy in {@code broker.xml} instead
 * turns this off with {@code amtsbote.delivery.configure-external-broker=false}.
 */
@Component
@ConditionalOnProperty(name = "spring.artemis.mode", havingValue = "native")
public class ExternalBrokerSettings implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ExternalBrokerSettings.class);
    private static final String MANAGEMENT_ADDRESS = "activemq.management";

    private final QueueConnectionFactory connectionFactory;
    private final DeliveryProperties delivery;
    private final ConnectorRegistry connectors;

    ExternalBrokerSettings(QueueConnectionFactory connectionFactory, DeliveryProperties delivery,
                           ConnectorRegistry connectors) {
        this.connectionFactory = connectionFactory;
        this.delivery = delivery;
        this.connectors = connectors;
    }

    /** Before the routes start: a consumer must not see the broker's defaults (10 attempts, no delay). */
    @Override
    public void afterPropertiesSet() {
        if (!delivery.configureExternalBroker()) {
            log.info("Redelivery policy on the external broker left to its own configuration");
            return;
        }
        apply(DeliveryConfiguration.queueSettings(delivery, connectors.destinations()));
    }

    /** Sets the given queues' policies (at startup, and for destinations a reload adds or changes). */
    public void apply(Map<String, AddressSettings> settings) {
        if (!delivery.configureExternalBroker()) {
            return;
        }
        try (QueueConnection connection = connectionFactory.createQueueConnection();
             QueueSession session = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE)) {
            QueueRequestor requestor = new QueueRequestor(session, session.createQueue(MANAGEMENT_ADDRESS));
            connection.start();
            for (var setting : settings.entrySet()) {
                Message request = session.createMessage();
                JMSManagementHelper.putOperationInvocation(request, ResourceNames.BROKER, "addAddressSettings",
                        setting.getKey(), setting.getValue().toJSON());
                Message reply = requestor.request(request);
                if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
                    throw new IllegalStateException("The broker refused the redelivery policy of " + setting.getKey()
                            + ": " + JMSManagementHelper.getResult(reply));
                }
                log.info("Redelivery policy of {} set on the external broker", setting.getKey());
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not set the redelivery policy on the external broker (does the hub's"
                    + " broker user have the manage permission?)", e);
        }
    }
}
