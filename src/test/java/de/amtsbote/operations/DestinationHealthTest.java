package de.amtsbote.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.amtsbote.HubClient;
import de.amtsbote.HubTestSupport;
import de.amtsbote.Samples;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpointGroups;

/**
 * The circuit-style state of a destination after real attempts: DEGRADED while retries pile up, DOWN after the
 * last five attempts failed, UP again after one delivery; never a reason to take the hub out of readiness.
 * The shared hub runs with {@code degraded-after-failures} 2, {@code down-after-failures} 5 (the defaults) and a
 * {@code degraded-queue-age} of 2 s.
 */
class DestinationHealthTest extends HubTestSupport {

    private static final String DESTINATION = "bauaufsicht";
    private static final String DELIVERY_ROUTE = "delivery-" + DESTINATION;
    private static final String HEALTH = "/actuator/health/destinations";

    private final HubClient hub = new HubClient(PORT);
    private final HubClient operator = HubClient.operator(PORT);
    private final List<String> deadLetters = new ArrayList<>();

    @Autowired
    CamelContext camel;

    @Autowired
    HealthEndpointGroups healthGroups;

    @AfterEach
    void everythingBack() throws Exception {
        new SpecialistSystemFaults(camel).back();
        if (!camel.getRouteController().getRouteStatus(DELIVERY_ROUTE).isStarted()) {
            camel.getRouteController().startRoute(DELIVERY_ROUTE);
        }
        deadLetters.forEach(trackingId -> operator.delete("/api/v1/dead-letters/" + trackingId + "?reason=health%20test"));
    }

    @Test
    void retriesPilingUpDegradeTheDestinationFiveFailuresTakeItDownAndOneDeliveryBringsItBack() throws Exception {
        deliverOne(); // whatever other tests left: a delivery ends any run of failures
        assertThat(destination().get("status").asText()).isEqualTo("UP");
        SpecialistSystemFaults specialistSystem = new SpecialistSystemFaults(camel);

        specialistSystem.failing();
        String retried = submit();

        HubClient.Response degraded = awaitState("DEGRADED");
        assertThat(degraded.status()).as("DEGRADED is no failure for a probe").isEqualTo(200);
        assertThat(component(degraded).get("details").get("consecutiveFailures").asInt()).isBetween(2, 4);

        HubClient.Response down = awaitState("DOWN");
        assertThat(down.status()).isEqualTo(503);
        assertThat(component(down).get("details").get("consecutiveFailures").asInt()).isGreaterThanOrEqualTo(5);
        assertThat(Scrape.of(operator).value("amtsbote_destination_up", "destination", DESTINATION)).isZero();
        // (readiness itself is DOWN here only because the test stopped the demo's Camel route: Camel's route check)
        assertThat(healthGroups.get("readiness").isMember("destinations"))
                .as("a specialist system that is down keeps the hub in the load balancer").isFalse();
        assertThat(hub.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(hub.submit(Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml")).status())
                .as("portals can still submit").isEqualTo(202);

        specialistSystem.back();
        hub.awaitStatus(retried, "DELIVERED");

        HubClient.Response up = awaitState("UP");
        assertThat(up.status()).isEqualTo(200);
        assertThat(component(up).get("details").get("consecutiveFailures").asInt()).isZero();
        assertThat(Scrape.of(operator).value("amtsbote_destination_up", "destination", DESTINATION)).isEqualTo(1);
        assertThat(hub.get("/actuator/health/readiness").status()).as("the test's routes leave readiness alone")
                .isEqualTo(200);
    }

    @Test
    void permanentFailuresCountTooAndTheDestinationGoesDownAfterFive() throws Exception {
        deliverOne();
        SpecialistSystemFaults specialistSystem = new SpecialistSystemFaults(camel);
        specialistSystem.gone();

        for (int i = 1; i <= 4; i++) {
            deadLetters.add(hub.awaitStatus(submit(), "DEAD_LETTER").get("trackingId").asText());
            assertThat(destination().get("status").asText()).as("after %d failures", i).isEqualTo(i < 2 ? "UP" : "DEGRADED");
        }
        deadLetters.add(hub.awaitStatus(submit(), "DEAD_LETTER").get("trackingId").asText());

        assertThat(destination().get("status").asText()).isEqualTo("DOWN");
        assertThat(operator.get(HEALTH).status()).isEqualTo(503);

        specialistSystem.back();
        deliverOne();
        assertThat(destination().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void messagesWaitingLongerThanTheThresholdDegradeTheDestination() throws Exception {
        deliverOne();
        camel.getRouteController().stopRoute(DELIVERY_ROUTE); // nobody takes the messages: they wait in the queue
        String waiting = submit();

        HubClient.Response degraded = awaitState("DEGRADED");

        JsonNode details = component(degraded).get("details");
        assertThat(details.get("consecutiveFailures").asInt()).as("no attempt failed").isZero();
        assertThat(details.get("queued").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(details.get("oldestMessageAge").asText()).startsWith("PT");
        camel.getRouteController().startRoute(DELIVERY_ROUTE);
        hub.awaitStatus(waiting, "DELIVERED");
        awaitState("UP");
    }

    @Test
    void detailsAreForOperatorsOnly() {
        HubClient.Response anonymous = HubClient.anonymous(PORT).get(HEALTH);
        assertThat(anonymous.json().get("status").asText()).isIn("UP", "DEGRADED", "DOWN");
        assertThat(anonymous.json().has("components")).isFalse();
        assertThat(component(operator.get(HEALTH)).get("details").has("consecutiveFailures")).isTrue();
    }

    private String submit() {
        HubClient.Response response = hub.submit(Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml"));
        assertThat(response.status()).isEqualTo(202);
        return response.json().get("trackingId").asText();
    }

    private void deliverOne() {
        hub.awaitStatus(submit(), "DELIVERED");
    }

    private JsonNode destination() {
        return component(operator.get(HEALTH));
    }

    private HubClient.Response awaitState(String state) {
        return operator.await(() -> operator.get(HEALTH), response -> state.equals(component(response).get("status").asText()));
    }

    private static JsonNode component(HubClient.Response health) {
        // the group "destinations" holds the contributor "destinations", which holds one indicator per destination
        return health.json().get("components").get("destinations").get("components").get(DESTINATION);
    }
}
