package de.amtsbote.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.amtsbote.HubClient;
import de.amtsbote.HubTestSupport;
import de.amtsbote.Samples;
import de.amtsbote.demo.DemoBuildingAuthority;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.List;
import javax.sql.DataSource;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** One submission from the portal's side: accepted, queued, delivered to the demo building authority once. */
class SubmissionFlowTest extends HubTestSupport {

    private final HubClient hub = new HubClient(PORT);

    @Autowired
    DemoBuildingAuthority buildingAuthority;

    @Autowired
    EmbeddedActiveMQ embeddedBroker;

    @Autowired
    DataSource dataSource;

    /** The build runs these tests twice: on the embedded H2 and on PostgreSQL. */
    @Test
    void tracksOnTheDatabaseThisRunIsFor() throws Exception {
        String expected = "postgresql".equals(System.getProperty("amtsbote.test.database")) ? "PostgreSQL" : "H2";
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo(expected);
        }
    }

    @Test
    void validApplicationIsAcceptedAndDeliveredOnce() {
        String xml = Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml");
        String messageId = Samples.messageId(xml);

        HubClient.Response accepted = hub.submit(xml);

        assertThat(accepted.status()).isEqualTo(202);
        JsonNode receipt = accepted.json();
        String trackingId = receipt.get("trackingId").asText();
        assertThat(accepted.location()).isEqualTo("/api/v1/submissions/" + trackingId);
        assertThat(receipt.get("messageId").asText()).isEqualTo(messageId);
        assertThat(receipt.get("messageType").asText()).isEqualTo("0200");
        assertThat(receipt.get("standard").asText()).isEqualTo("XBau-Hochbau");
        assertThat(receipt.get("version").asText()).isEqualTo("2.6");
        assertThat(receipt.get("connector").asText()).isEqualTo("ebauantrag");
        assertThat(receipt.get("status").asText()).isEqualTo("QUEUED");

        JsonNode status = hub.awaitStatus(trackingId, "DELIVERED");
        assertThat(status.get("destination").asText()).isEqualTo("bauaufsicht");
        assertThat(status.get("attempts").asInt()).isEqualTo(1);
        List<String> history = HubClient.statuses(status);
        assertThat(history.get(0)).isEqualTo("ACCEPTED");
        assertThat(history).containsExactlyInAnyOrder("ACCEPTED", "QUEUED", "DELIVERED");
        String delivered = status.get("history").get(history.indexOf("DELIVERED")).get("detail").asText();
        assertThat(delivered).contains("accepted, reference BA-");
        assertThat(buildingAuthority.receiptsOf(messageId)).isEqualTo(1);
    }

    @Test
    void headerTypeCodeThatDisagreesWithTheRootIsRoutedByTheRootAndNoted() {
        String xml = Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200-header-code-mismatch.xml");

        HubClient.Response accepted = hub.submit(xml);

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().get("connector").asText()).isEqualTo("ebauantrag");
        assertThat(accepted.json().get("messageType").asText()).isEqualTo("0201");
        JsonNode status = hub.awaitStatus(accepted.json().get("trackingId").asText(), "DELIVERED");
        assertThat(status.get("history").findValuesAsText("detail"))
                .anyMatch(detail -> detail.contains("Header message type code 0201 does not match the root element"
                        + " baugenehmigung.antrag.0200"));
    }

    @Test
    void testMessagesAreAcceptedAndMarked() {
        HubClient.Response accepted = hub.submit(Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200-test-flag.xml"));

        assertThat(accepted.status()).isEqualTo(202);
        JsonNode status = hub.status(accepted.json().get("trackingId").asText()).json();
        assertThat(status.get("history").get(0).get("detail").asText()).contains("test message");
    }

    @Test
    void clientHeadersDoNotSteerTheHub() {
        String xml = Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml");

        HubClient.Response accepted = hub.submit(xml, "application/xml", Map.of(
                "CamelJmsDestinationName", "umgeleitet",
                "CamelHttpUri", "http://127.0.0.1:1/",
                "amtsboteConnector", "fremd",
                "amtsboteTrackingId", "00000000-0000-0000-0000-000000000001",
                "breadcrumbId", "untergeschoben"));

        assertThat(accepted.status()).isEqualTo(202);
        String trackingId = accepted.json().get("trackingId").asText();
        assertThat(trackingId).isNotEqualTo("00000000-0000-0000-0000-000000000001");
        JsonNode status = hub.awaitStatus(trackingId, "DELIVERED");
        assertThat(status.get("connector").asText()).isEqualTo("ebauantrag");
        assertThat(buildingAuthority.receiptsOf(Samples.messageId(xml))).isEqualTo(1);
        assertThat(embeddedBroker.getActiveMQServer().locateQueue(SimpleString.of("umgeleitet"))).isNull();
    }

    @Test
    void unknownTrackingIdIsNotFound() {
        HubClient.Response response = hub.status("00000000-0000-0000-0000-000000000000");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(hub.status("not-a-tracking-id").status()).isEqualTo(404);
    }

    @Test
    void readinessIsUpOnceTheRoutesRun() {
        HubClient.Response readiness = hub.get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void embeddedBrokerKeepsItsJournalInTheHubDataDirectoryWithTheTunedFlushTimer() {
        var broker = embeddedBroker.getActiveMQServer().getConfiguration();

        assertThat(Path.of(broker.getJournalDirectory()).toAbsolutePath()).startsWith(DATA_DIR);
        assertThat(broker.isPersistenceEnabled()).isTrue();
        assertThat(broker.getJournalBufferTimeout_NIO()).isEqualTo(100_000); // ns; Artemis' default is 3,333,333
    }


}
