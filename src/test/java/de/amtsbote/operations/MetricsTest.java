package de.amtsbote.operations;

import static org.assertj.core.api.Assertions.assertThat;

import de.amtsbote.HubClient;
import de.amtsbote.HubTestSupport;
import de.amtsbote.Samples;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Prometheus scrape after real traffic: every number asserted as the difference between a scrape before and one
 * after, since other tests share the hub.
 */
class MetricsTest extends HubTestSupport {

    private static final String CONNECTOR = "ebauantrag";
    private static final String DESTINATION = "bauaufsicht";
    private static final String DELIVERY_ROUTE = "delivery-" + DESTINATION;

    private final HubClient hub = new HubClient(PORT);
    private final HubClient operator = HubClient.operator(PORT);

    @Autowired
    CamelContext camel;

    private SpecialistSystemFaults specialistSystem;

    @AfterEach
    void everythingBack() throws Exception {
        specialistSystem().back();
        if (!camel.getRouteController().getRouteStatus(DELIVERY_ROUTE).isStarted()) {
            camel.getRouteController().startRoute(DELIVERY_ROUTE);
        }
    }

    @Test
    void acceptedRejectedAndDeliveredSubmissionsAreCountedWithTheirLatency() {
        Scrape before = Scrape.of(operator);

        List<String> trackingIds = IntStream.range(0, 3)
                .mapToObj(i -> hub.submit(Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml")))
                .map(response -> response.json().get("trackingId").asText()).toList();
        String first = Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml");
        String resentId = hub.submit(first).json().get("trackingId").asText();
        assertThat(hub.submit(first).status()).as("a resend").isEqualTo(200);
        assertThat(hub.submit(Samples.xbauWithNewMessageId("invalid-schema-antrag-0200-missing-baugrundstueck.xml"))
                .status()).isEqualTo(422);
        assertThat(hub.submit(Samples.xbau("unknown-message-baugenehmigung-anhoerung-0203.xml")).status()).isEqualTo(422);
        trackingIds.forEach(trackingId -> hub.awaitStatus(trackingId, "DELIVERED"));
        hub.awaitStatus(resentId, "DELIVERED");
        Scrape after = Scrape.of(operator);

        assertThat(delta(before, after, "amtsbote_intake_accepted_total", "connector", CONNECTOR, "door", "rest")).isEqualTo(4);
        assertThat(delta(before, after, "amtsbote_intake_resent_total", "connector", CONNECTOR)).isEqualTo(1);
        assertThat(delta(before, after, "amtsbote_intake_rejected_total", "connector", CONNECTOR, "reason", "schema-invalid"))
                .isEqualTo(1);
        assertThat(delta(before, after, "amtsbote_intake_rejected_total", "connector", "none", "reason", "no-connector"))
                .as("refused before a connector was chosen").isEqualTo(1);
        assertThat(delta(before, after, "amtsbote_delivery_delivered_total", "destination", DESTINATION)).isEqualTo(4);
        assertThat(delta(before, after, "amtsbote_delivery_latency_seconds_count", "destination", DESTINATION)).isEqualTo(4);
        assertThat(delta(before, after, "amtsbote_delivery_latency_seconds_sum", "destination", DESTINATION))
                .as("accepted to delivered takes some time").isPositive();
        assertThat(delta(before, after, "amtsbote_delivery_latency_seconds_bucket", "destination", DESTINATION, "le", "+Inf"))
                .as("a histogram, not only a summary").isEqualTo(4);
        assertThat(after.series()).as("with buckets between")
                .filteredOn(s -> s.name().equals("amtsbote_delivery_latency_seconds_bucket")).hasSizeGreaterThan(10);
        assertThat(delta(before, after, "camel_exchanges_succeeded_total", "routeId", DELIVERY_ROUTE))
                .as("Camel's route metrics").isGreaterThanOrEqualTo(4);
        assertThat(delta(before, after, "camel_exchanges_total", "routeId", "submission-intake")).isGreaterThanOrEqualTo(6);
    }

    @Test
    void failedAttemptsAndDeadLettersAreCountedPerDestination() throws Exception {
        Scrape before = Scrape.of(operator);

        specialistSystem().failing();
        String retried = hub.submit(Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml")).json().get("trackingId").asText();
        hub.await(() -> hub.status(retried), response -> response.json().get("attempts").asInt() >= 2);
        specialistSystem().back();
        hub.awaitStatus(retried, "DELIVERED");
        specialistSystem().gone();
        String dead = hub.submit(Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml")).json().get("trackingId").asText();
        hub.awaitStatus(dead, "DEAD_LETTER");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                delta(before, Scrape.of(operator), "amtsbote_dead_letters_stored", "destination", DESTINATION) >= 1);
        int attempts = hub.status(retried).json().get("attempts").asInt();
        Scrape after = Scrape.of(operator);

        assertThat(delta(before, after, "amtsbote_delivery_failed_total", "destination", DESTINATION))
                .as("every failed attempt before the delivery").isEqualTo(attempts - 1);
        assertThat(delta(before, after, "amtsbote_delivery_dead_letters_total", "destination", DESTINATION)).isEqualTo(1);
        assertThat(delta(before, after, "amtsbote_delivery_delivered_total", "destination", DESTINATION)).isEqualTo(1);
        assertThat(delta(before, after, "camel_exchanges_failed_total", "routeId", DELIVERY_ROUTE))
                .isGreaterThanOrEqualTo(attempts - 1);
        discard(dead);
    }

    @Test
    void queueDepthAndOldestMessageAgeAreReadFromTheBroker() throws Exception {
        Scrape before = Scrape.of(operator);
        assertThat(before.value("amtsbote_queue_depth", "destination", DESTINATION)).as("a reading, not NaN").isNotNaN();

        camel.getRouteController().stopRoute(DELIVERY_ROUTE);
        List<String> waiting = IntStream.range(0, 2)
                .mapToObj(i -> hub.submit(Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml")))
                .map(response -> response.json().get("trackingId").asText()).toList();
        Scrape queued = Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> Scrape.of(operator), scrape ->
                        scrape.value("amtsbote_queue_oldest_message_age_seconds", "destination", DESTINATION) >= 1);

        assertThat(delta(before, queued, "amtsbote_queue_depth", "destination", DESTINATION)).isEqualTo(2);

        camel.getRouteController().startRoute(DELIVERY_ROUTE);
        waiting.forEach(trackingId -> hub.awaitStatus(trackingId, "DELIVERED"));
        Scrape drained = Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> Scrape.of(operator), scrape ->
                        scrape.value("amtsbote_queue_depth", "destination", DESTINATION) == 0);
        assertThat(drained.value("amtsbote_queue_oldest_message_age_seconds", "destination", DESTINATION)).isZero();
    }

    @Test
    void portalsCannotScrape() {
        assertThat(hub.get("/actuator/prometheus").status()).isEqualTo(403);
        assertThat(HubClient.anonymous(PORT).get("/actuator/prometheus").status()).isEqualTo(401);
    }

    private void discard(String trackingId) {
        operator.await(() -> operator.get("/api/v1/dead-letters/" + trackingId), response -> response.status() == 200);
        assertThat(operator.delete("/api/v1/dead-letters/" + trackingId + "?reason=metrics%20test").status()).isEqualTo(200);
    }

    private SpecialistSystemFaults specialistSystem() {
        if (specialistSystem == null) {
            specialistSystem = new SpecialistSystemFaults(camel);
        }
        return specialistSystem;
    }

    private static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
