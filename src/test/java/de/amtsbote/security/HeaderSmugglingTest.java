package de.amtsbote.security;

import static org.assertj.core.api.Assertions.assertThat;

import de.amtsbote.Canary;
import de.amtsbote.HubClient;
import de.amtsbote.HubTestSupport;
import de.amtsbote.Samples;
import de.amtsbote.delivery.DeliveryHeaders;
import de.amtsbote.demo.DemoBuildingAuthority;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

/**
 * Headers from outside never steer the hub: neither HTTP headers of a portal nor JMS properties of a message someone
 * put on a delivery queue become Camel headers. Each smuggled header points somewhere observable: the {@link Canary}
 * (a SOAP call or HTTP fetch there would count), a queue that must stay empty, a tracking id that must not be taken.
 */
class HeaderSmugglingTest extends HubTestSupport {

    private static final String APPLICATION = "baugenehmigung-antrag-0200.xml";
    private static final String DELIVERY_QUEUE = "delivery.bauaufsicht";
    private static final String SMUGGLED_QUEUE = "smuggled.destination";
    private static final String SMUGGLED_REPLIES = "smuggled.replies";
    private static final String SMUGGLED_BREADCRUMB = "00000000-0000-4000-8000-000000000000";

    private final HubClient hub = new HubClient(PORT);
    private Canary canary;
    private JmsTemplate jms;

    @Autowired
    ConnectionFactory connectionFactory;

    @Autowired
    DemoBuildingAuthority buildingAuthority;

    @BeforeEach
    void setUp() {
        canary = new Canary();
        jms = new JmsTemplate(connectionFactory);
        jms.setReceiveTimeout(1000);
    }

    @AfterEach
    void closeCanary() {
        canary.close();
    }

    @Test
    void camelAndBrokerHeadersOfAPortalHaveNoEffect() {
        Map<String, String> smuggled = Map.of(
                "CamelFileName", "../../etc/cron.d/amtsbote",
                "CamelHttpUri", canary.url("/http-uri"),
                "CamelHttpPath", "/smuggled",
                "CamelJmsDestinationName", SMUGGLED_QUEUE,
                "CamelDestinationOverrideUrl", canary.url("/soap"),
                "CamelCxfRsUsingHttpAPI", "true",
                "JMSXGroupID", "smuggled-group",
                "_AMQ_DUPL_ID", "smuggled-duplicate-id",
                "breadcrumbId", SMUGGLED_BREADCRUMB);
        String first = Samples.xbauWithNewMessageId(APPLICATION);
        String second = Samples.xbauWithNewMessageId(APPLICATION);

        HubClient.Response firstAccepted = hub.submit(first, "application/xml", smuggled);
        // the same duplicate id again: had it reached the broker, it would drop this one
        HubClient.Response secondAccepted = hub.submit(second, "application/xml", smuggled);

        assertThat(firstAccepted.status()).isEqualTo(202);
        assertThat(secondAccepted.status()).isEqualTo(202);
        String trackingId = firstAccepted.json().get("trackingId").asText();
        assertThat(trackingId).isNotEqualTo(SMUGGLED_BREADCRUMB);
        hub.awaitStatus(trackingId, "DELIVERED");
        hub.awaitStatus(secondAccepted.json().get("trackingId").asText(), "DELIVERED");
        assertThat(buildingAuthority.receiptsOf(Samples.messageId(first))).isEqualTo(1);
        assertThat(buildingAuthority.receiptsOf(Samples.messageId(second))).isEqualTo(1);
        assertThat(canary.connections()).isZero();
        assertThat(queued(SMUGGLED_QUEUE)).isZero();
    }

    /**
     * Someone with access to the broker puts a message on a delivery queue whose properties name another SOAP
     * address, another JMS destination, and a reply queue: it is delivered to the configured destination, and
     * nothing goes anywhere else. (The hub's own delivery route takes its address from configuration, in the
     * endpoint URI; it sets no override header that an incoming one could replace.)
     */
    @Test
    void camelHeadersOnAQueuedMessageHaveNoEffect() {
        String xml = Samples.xbauWithNewMessageId(APPLICATION);
        String trackingId = UUID.randomUUID().toString();

        jms.send(DELIVERY_QUEUE, session -> {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(xml.getBytes(StandardCharsets.UTF_8));
            message.setStringProperty(DeliveryHeaders.TRACKING_ID, trackingId);
            message.setStringProperty(DeliveryHeaders.MESSAGE_ID, Samples.messageId(xml));
            message.setStringProperty(DeliveryHeaders.CONNECTOR, "ebauantrag");
            message.setStringProperty("CamelDestinationOverrideUrl", canary.url("/soap"));
            message.setStringProperty("CamelHttpUri", canary.url("/http-uri"));
            message.setStringProperty("CamelJmsDestinationName", SMUGGLED_QUEUE);
            message.setJMSReplyTo(session.createQueue(SMUGGLED_REPLIES));
            return message;
        });

        // no portal sent it: the operator reads its status
        HubClient.operator(PORT).awaitStatus(trackingId, "DELIVERED");
        assertThat(buildingAuthority.receiptsOf(Samples.messageId(xml))).isEqualTo(1);
        assertThat(canary.connections()).isZero();
        assertThat(jms.receive(SMUGGLED_REPLIES)).as("a reply sent to the smuggled JMSReplyTo").isNull();
        assertThat(queued(SMUGGLED_QUEUE)).isZero();
    }

    private int queued(String queue) {
        return jms.browse(queue, (session, browser) -> Collections.list(browser.getEnumeration()).size());
    }
}
