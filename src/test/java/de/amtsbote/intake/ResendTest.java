package de.amtsbote.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.amtsbote.HubClient;
import de.amtsbote.HubTestSupport;
import de.amtsbote.Samples;
import de.amtsbote.demo.DemoBuildingAuthority;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A portal sends a message again (XÖV: same nachrichtenUUID); the hub takes it once and delivers it once. */
class ResendTest extends HubTestSupport {

    private final HubClient hub = new HubClient(PORT);

    @Autowired
    DemoBuildingAuthority buildingAuthority;

    @Test
    void resendWithTheSameContentGetsTheFirstTrackingIdAndIsDeliveredOnce() {
        String xml = Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml");

        HubClient.Response first = hub.submit(xml);
        HubClient.Response again = hub.submit(xml);

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.json().get("resend").asBoolean()).isFalse();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("resend").asBoolean()).isTrue();
        String trackingId = first.json().get("trackingId").asText();
        assertThat(again.json().get("trackingId").asText()).isEqualTo(trackingId);
        assertThat(again.location()).isEqualTo(first.location());
        JsonNode delivered = hub.awaitStatus(trackingId, "DELIVERED");
        assertThat(delivered.get("history").findValuesAsText("detail")).contains("Sent again by the portal with the same content");

        HubClient.Response afterDelivery = hub.submit(xml);

        assertThat(afterDelivery.status()).isEqualTo(200);
        assertThat(afterDelivery.json().get("status").asText()).isEqualTo("DELIVERED");
        assertThat(buildingAuthority.receiptsOf(Samples.messageId(xml))).isEqualTo(1);
    }

    @Test
    void sameMessageIdWithOtherContentIsAConflict() {
        String xml = Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml");
        String trackingId = hub.submit(xml).json().get("trackingId").asText();
        String corrected = xml.replace("Neubau Einfamilienhaus", "Neubau Zweifamilienhaus");
        assertThat(corrected).isNotEqualTo(xml);

        HubClient.Response conflict = hub.submit(corrected);

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.contentType()).startsWith("application/problem+json");
        assertThat(conflict.json().get("type").asText()).isEqualTo("urn:amtsbote:problem:conflicting-resend");
        assertThat(conflict.json().get("trackingId").asText()).isEqualTo(trackingId);
        assertThat(conflict.json().get("detail").asText()).contains(Samples.messageId(xml), "new nachrichtenUUID");
        hub.awaitStatus(trackingId, "DELIVERED");
        assertThat(buildingAuthority.receiptsOf(Samples.messageId(xml))).isEqualTo(1);
    }

    @Test
    void simultaneousCopiesAreAcceptedOnceAndDeliveredOnce() throws Exception {
        String xml = Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml");
        ExecutorService portals = Executors.newFixedThreadPool(8);
        List<HubClient.Response> responses;
        try {
            List<Future<HubClient.Response>> sent = IntStream.range(0, 8)
                    .mapToObj(i -> portals.submit(() -> hub.submit(xml))).toList();
            responses = sent.stream().map(ResendTest::get).toList();
        } finally {
            portals.shutdownNow();
        }

        assertThat(responses).extracting(HubClient.Response::status).containsOnly(200, 202).containsOnlyOnce(202);
        assertThat(responses).extracting(response -> response.json().get("trackingId").asText()).containsOnly(
                responses.get(0).json().get("trackingId").asText());
        hub.awaitStatus(responses.get(0).json().get("trackingId").asText(), "DELIVERED");
        assertThat(buildingAuthority.receiptsOf(Samples.messageId(xml))).isEqualTo(1);
    }

    private static HubClient.Response get(Future<HubClient.Response> response) {
        try {
            return response.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
