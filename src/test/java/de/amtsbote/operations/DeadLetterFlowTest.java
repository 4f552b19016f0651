package de.amtsbote.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.amtsbote.HubClient;
import de.amtsbote.HubTestSupport;
import de.amtsbote.Samples;
import de.amtsbote.demo.DemoBuildingAuthority;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A permanent failure goes to the dead-letter store at once; operators replay it after the fix, or discard it with a
 * reason. The failure is real: with the demo building authority's SOAP service stopped, its address answers HTTP 404.
 */
class DeadLetterFlowTest extends HubTestSupport {

    private static final String DEMO_ROUTE = "demo-building-authority";

    private final HubClient hub = new HubClient(PORT);
    private final HubClient operator = HubClient.operator(PORT);

    @Autowired
    CamelContext camel;

    @Autowired
    DemoBuildingAuthority buildingAuthority;

    @AfterEach
    void specialistSystemBack() throws Exception {
        camel.getRouteController().startRoute(DEMO_ROUTE);
    }

    @Test
    void permanentFailureIsKeptAtOnceAndAReplayAfterTheFixDeliversIt() throws Exception {
        camel.getRouteController().stopRoute(DEMO_ROUTE);
        String xml = Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml");
        String trackingId = hub.submit(xml).json().get("trackingId").asText();

        JsonNode dead = hub.awaitStatus(trackingId, "DEAD_LETTER");

        assertThat(dead.get("attempts").asInt()).as("a permanent failure is not retried").isEqualTo(1);
        JsonNode kept = awaitDeadLetter(trackingId);
        assertThat(kept.get("messageId").asText()).isEqualTo(Samples.messageId(xml));
        assertThat(kept.get("connector").asText()).isEqualTo("ebauantrag");
        assertThat(kept.get("destination").asText()).isEqualTo("bauaufsicht");
        assertThat(kept.get("attempts").asInt()).isEqualTo(1);
        assertThat(kept.get("lastError").asText()).contains("404");
        assertThat(kept.get("headers").get("amtsboteTrackingId").asText()).isEqualTo(trackingId);
        assertThat(kept.has("payload")).isFalse();
        assertThat(operator.get("/api/v1/dead-letters/" + trackingId + "/payload").body()).isEqualTo(xml);
        assertThat(trackingIds(operator.get("/api/v1/dead-letters?destination=bauaufsicht&size=500").json())).contains(trackingId);
        assertThat(trackingIds(operator.get("/api/v1/dead-letters?connector=another&size=500").json())).doesNotContain(trackingId);

        camel.getRouteController().startRoute(DEMO_ROUTE);
        HubClient.Response replay = operator.post("/api/v1/dead-letters/" + trackingId + "/replay");

        assertThat(replay.status()).isEqualTo(200);
        JsonNode delivered = hub.awaitStatus(trackingId, "DELIVERED");
        assertThat(HubClient.statuses(delivered)).containsSubsequence("ACCEPTED", "DEAD_LETTER", "QUEUED", "DELIVERED");
        assertThat(delivered.get("trackingId").asText()).isEqualTo(trackingId);
        assertThat(buildingAuthority.receiptsOf(Samples.messageId(xml))).isEqualTo(1);
        assertThat(operator.get("/api/v1/dead-letters/" + trackingId).status()).isEqualTo(404);
        assertThat(operator.post("/api/v1/dead-letters/" + trackingId + "/replay").status())
                .as("a second replay finds nothing to replay").isEqualTo(404);
    }

    @Test
    void discardNeedsAReasonThatStaysInTheHistory() throws Exception {
        camel.getRouteController().stopRoute(DEMO_ROUTE);
        String trackingId = hub.submit(Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml"))
                .json().get("trackingId").asText();
        hub.awaitStatus(trackingId, "DEAD_LETTER");
        awaitDeadLetter(trackingId);

        HubClient.Response withoutReason = operator.delete("/api/v1/dead-letters/" + trackingId);
        assertThat(withoutReason.status()).isEqualTo(400);
        assertThat(withoutReason.contentType()).startsWith("application/problem+json");
        assertThat(withoutReason.json().get("detail").asText()).contains("reason");

        HubClient.Response discarded = operator.delete("/api/v1/dead-letters/" + trackingId + "?reason=Antrag%20doppelt%20gestellt");

        assertThat(discarded.status()).isEqualTo(200);
        JsonNode status = hub.status(trackingId).json();
        assertThat(status.get("status").asText()).isEqualTo("DISCARDED");
        assertThat(status.get("history").findValuesAsText("detail")).contains("Discarded by an operator: Antrag doppelt gestellt");
        assertThat(operator.post("/api/v1/dead-letters/" + trackingId + "/replay").status()).isEqualTo(404);
    }

    @Test
    void bulkReplayOfADestinationDeliversAllItsDeadLetters() throws Exception {
        camel.getRouteController().stopRoute(DEMO_ROUTE);
        List<String> xmls = IntStream.range(0, 3)
                .mapToObj(i -> Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml")).toList();
        List<String> trackingIds = xmls.stream().map(xml -> hub.submit(xml).json().get("trackingId").asText()).toList();
        trackingIds.forEach(trackingId -> awaitDeadLetter(trackingId));
        JsonNode firstPage = operator.get("/api/v1/dead-letters?destination=bauaufsicht&size=2").json();
        assertThat(firstPage.get("items")).hasSize(2);
        assertThat(firstPage.get("total").asInt()).isGreaterThanOrEqualTo(3);

        camel.getRouteController().startRoute(DEMO_ROUTE);
        HubClient.Response replay = operator.post("/api/v1/dead-letters/replay?destination=bauaufsicht");

        assertThat(replay.json().get("replayed").asInt()).isGreaterThanOrEqualTo(3);
        trackingIds.forEach(trackingId -> hub.awaitStatus(trackingId, "DELIVERED"));
        xmls.forEach(xml -> assertThat(buildingAuthority.receiptsOf(Samples.messageId(xml))).isEqualTo(1));
        assertThat(operator.get("/api/v1/dead-letters?destination=bauaufsicht").json().get("total").asInt()).isZero();
    }

    private JsonNode awaitDeadLetter(String trackingId) {
        return operator.await(() -> operator.get("/api/v1/dead-letters/" + trackingId), response -> response.status() == 200).json();
    }

    private static List<String> trackingIds(JsonNode page) {
        return page.get("items").findValuesAsText("trackingId");
    }
}
