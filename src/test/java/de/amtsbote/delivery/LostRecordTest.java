package de.amtsbote.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.amtsbote.HubClient;
import de.amtsbote.HubTestSupport;
import de.amtsbote.Samples;
import de.amtsbote.demo.DemoBuildingAuthority;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A queued message whose tracking record the database lost (the embedded H2 drops its last half second of commits
 * when the process is killed): delivery makes the record again from the message, so the status view stays complete.
 */
class LostRecordTest extends HubTestSupport {

    private final HubClient hub = new HubClient(PORT);

    @Autowired
    ProducerTemplate camel;

    @Autowired
    DemoBuildingAuthority buildingAuthority;

    @Test
    void aQueuedMessageWithoutRecordIsDeliveredAndTrackedAgain() {
        String xml = Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml");
        String trackingId = UUID.randomUUID().toString();

        camel.sendBodyAndHeaders("jms:queue:delivery.bauaufsicht?exchangePattern=InOnly&jmsMessageType=Bytes",
                xml.getBytes(StandardCharsets.UTF_8), Map.of(DeliveryHeaders.TRACKING_ID, trackingId,
                        DeliveryHeaders.MESSAGE_ID, Samples.messageId(xml), DeliveryHeaders.CONNECTOR, "ebauantrag",
                        DeliveryHeaders.SUBMITTED_BY, "demo-portal"));

        JsonNode delivered = hub.awaitStatus(trackingId, "DELIVERED");
        assertThat(delivered.get("messageId").asText()).isEqualTo(Samples.messageId(xml));
        assertThat(delivered.get("submittedBy").asText()).as("the portal reads it again").isEqualTo("demo-portal");
        assertThat(delivered.get("history").get(0).get("detail").asText()).startsWith("Record made again from the queued message");
        assertThat(buildingAuthority.receiptsOf(Samples.messageId(xml))).isEqualTo(1);
    }

    @Test
    void aQueuedMessageWhoseIdIsTrackedUnderAnotherTrackingIdGoesOnAsThatOne() {
        String xml = Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml");
        String tracked = hub.submit(xml).json().get("trackingId").asText();
        hub.awaitStatus(tracked, "DELIVERED");

        camel.sendBodyAndHeaders("jms:queue:delivery.bauaufsicht?exchangePattern=InOnly&jmsMessageType=Bytes",
                xml.getBytes(StandardCharsets.UTF_8), Map.of(DeliveryHeaders.TRACKING_ID, UUID.randomUUID().toString(),
                        DeliveryHeaders.MESSAGE_ID, Samples.messageId(xml), DeliveryHeaders.CONNECTOR, "ebauantrag"));

        hub.await(() -> hub.status(tracked), response -> response.json().get("history").findValuesAsText("detail").stream()
                .anyMatch(detail -> detail.contains("was not sent again")));
        assertThat(buildingAuthority.receiptsOf(Samples.messageId(xml))).isEqualTo(1);
    }
}
