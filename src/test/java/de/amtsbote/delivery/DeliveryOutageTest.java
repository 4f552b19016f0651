package de.amtsbote.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.amtsbote.AmtsboteApplication;
import de.amtsbote.HubClient;
import de.amtsbote.HubTestSupport;
import de.amtsbote.Samples;
import de.amtsbote.demo.DemoBuildingAuthority;
import de.amtsbote.it.FakeSpecialistSystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A specialist system that is not there. These tests start and stop whole hubs themselves, because what they
 * prove is about a hub's lifetime: what was accepted before a restart is delivered after it, from the journal.
 */
class DeliveryOutageTest {

    private static final String APPLICATION = "baugenehmigung-antrag-0200.xml";

    @Test
    void submissionAcceptedBeforeARestartIsDeliveredAfterIt() {
        Path dataDir = HubTestSupport.newDataDir();
        String xml = Samples.xbauWithNewMessageId(APPLICATION);
        String trackingId;

        int firstPort = HubTestSupport.freePort();
        try (ConfigurableApplicationContext hub = startHub(dataDir, firstPort, Map.of(
                "amtsbote.destinations.bauaufsicht.address", unreachableAddress(),
                "amtsbote.destinations.bauaufsicht.retry.delay", "2s"))) {
            HubClient client = new HubClient(firstPort);
            HubClient.Response accepted = client.submit(xml);
            assertThat(accepted.status()).isEqualTo(202);
            trackingId = accepted.json().get("trackingId").asText();
            client.awaitStatus(trackingId, "FAILED");
        }

        int secondPort = HubTestSupport.freePort();
        try (ConfigurableApplicationContext hub = startHub(dataDir, secondPort, Map.of())) {
            JsonNode delivered = new HubClient(secondPort).awaitStatus(trackingId, "DELIVERED");
            assertThat(HubClient.statuses(delivered)).startsWith("ACCEPTED").contains("QUEUED", "FAILED").endsWith("DELIVERED");
            assertThat(hub.getBean(DemoBuildingAuthority.class).receiptsOf(Samples.messageId(xml))).isEqualTo(1);
        }
    }

    /**
     * Cases of an application (0200) and two amendments (0202): while the specialist system refuses connections
     * every attempt at an application fails and the amendments wait, without attempts of their own; once it is back
     * each message arrives once, and every case in the order accepted.
     */
    @Test
    void afterAnOutageEveryMessageArrivesOnceAndEachCaseInOrder() throws Exception {
        try (FakeSpecialistSystem specialistSystem = FakeSpecialistSystem.create()) {
            int port = HubTestSupport.freePort();
            try (ConfigurableApplicationContext hub = startHub(HubTestSupport.newDataDir(), port, Map.of(
                    "amtsbote.destinations.bauaufsicht.address", specialistSystem.address(),
                    "amtsbote.destinations.bauaufsicht.retry.max-delay", "1s"))) {
                HubClient client = new HubClient(port);
                List<List<String>> cases = new ArrayList<>();
                Map<String, String> trackingIds = new LinkedHashMap<>();
                for (int i = 0; i < 5; i++) {
                    String application = Samples.xbauWithNewMessageId(APPLICATION);
                    List<String> messages = List.of(application, Samples.amendmentOf(application), Samples.amendmentOf(application));
                    cases.add(messages.stream().map(Samples::messageId).toList());
                    for (String xml : messages) {
                        HubClient.Response accepted = client.submit(xml);
                        assertThat(accepted.status()).isEqualTo(202);
                        trackingIds.put(Samples.messageId(xml), accepted.json().get("trackingId").asText());
                    }
                }
                cases.forEach(messageIds -> {
                    client.awaitStatus(trackingIds.get(messageIds.get(0)), "FAILED");
                    messageIds.subList(1, 3).forEach(amendment -> client.await(
                            () -> client.status(trackingIds.get(amendment)),
                            response -> response.json().get("history").findValuesAsText("detail").stream()
                                    .anyMatch(detail -> detail.startsWith("Waiting for the earlier message"))));
                });
                Thread.sleep(2_000); // a few more attempts against the closed port, and waits of the amendments

                specialistSystem.start();

                trackingIds.values().forEach(trackingId -> client.awaitStatus(trackingId, "DELIVERED"));
                List<String> arrivals = specialistSystem.calls().stream().map(FakeSpecialistSystem.Call::nachrichtenUUID).toList();
                assertThat(arrivals).as("each message once").doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(trackingIds.keySet());
                cases.forEach(messageIds -> assertThat(arrivals).containsSubsequence(messageIds));
                JsonNode application = client.status(trackingIds.get(cases.get(0).get(0))).json();
                assertThat(HubClient.statuses(application))
                        .containsSubsequence("QUEUED", "FAILED", "FAILED", "DELIVERED");
                assertThat(application.get("history").findValuesAsText("detail"))
                        .anyMatch(detail -> detail.contains("Connection refused"));
                JsonNode amendment = client.status(trackingIds.get(cases.get(0).get(2))).json();
                assertThat(HubClient.statuses(amendment)).doesNotContain("FAILED").endsWith("DELIVERED");
                assertThat(amendment.get("attempts").asInt()).as("waiting is no attempt").isEqualTo(1);
            }
        }
    }

    /**
     * A predecessor whose record says it is still on its way though it is not (its last update lost, as the embedded
     * database loses its last commits when killed): the amendment waits as long as its attempts would have lasted,
     * then goes to the dead-letter store. Replayed, it waits afresh, and goes once the predecessor's record is right.
     */
    @Test
    void anAmendmentWhosePredecessorNeverArrivesEndsInTheDeadLetterStoreAndWaitsAfreshWhenReplayed() {
        int port = HubTestSupport.freePort();
        try (ConfigurableApplicationContext hub = startHub(HubTestSupport.newDataDir(), port, Map.of(
                "amtsbote.destinations.bauaufsicht.retry.max-attempts", "7"))) {
            HubClient client = new HubClient(port);
            JdbcTemplate database = hub.getBean(JdbcTemplate.class);
            String application = Samples.xbauWithNewMessageId(APPLICATION);
            String first = client.submit(application).json().get("trackingId").asText();
            client.awaitStatus(first, "DELIVERED");
            database.update("update submission set status = 'QUEUED' where tracking_id = ?", first);

            String amendment = Samples.amendmentOf(application);
            String second = client.submit(amendment).json().get("trackingId").asText();

            JsonNode deadLetter = client.awaitStatus(second, "DEAD_LETTER");
            assertThat(HubClient.lastDetail(deadLetter)).contains("The earlier message " + Samples.messageId(application)
                    + " of the same case is still not delivered after");
            assertThat(HubClient.statuses(deadLetter)).doesNotContain("FAILED");
            assertThat(deadLetter.get("attempts").asInt()).isZero();
            HubClient operator = HubClient.operator(port);
            JsonNode health = operator.get("/actuator/health/destinations").json()
                    .get("components").get("destinations").get("components").get("bauaufsicht");
            assertThat(health.get("details").get("consecutiveFailures").asInt())
                    .as("the specialist system was not called").isZero();

            assertThat(operator.post("/api/v1/dead-letters/" + second + "/replay").status()).isEqualTo(200);
            client.await(() -> client.status(second), response -> {
                List<String> details = response.json().get("history").findValuesAsText("detail");
                return details.get(details.size() - 1).startsWith("Waiting for the earlier message")
                        && details.stream().anyMatch(detail -> detail.startsWith("Replayed"));
            });
            database.update("update submission set status = 'DELIVERED' where tracking_id = ?", first);

            client.awaitStatus(second, "DELIVERED");
            assertThat(hub.getBean(DemoBuildingAuthority.class).receiptsOf(Samples.messageId(amendment))).isEqualTo(1);
        }
    }

    @Test
    void deliveryThatNeverSucceedsEndsInTheDeadLetterStoreAfterItsAttempts() {
        int port = HubTestSupport.freePort();
        try (ConfigurableApplicationContext hub = startHub(HubTestSupport.newDataDir(), port, Map.of(
                "amtsbote.destinations.bauaufsicht.address", unreachableAddress(),
                "amtsbote.destinations.bauaufsicht.retry.max-attempts", "3"))) {
            HubClient client = new HubClient(port);
            String trackingId = client.submit(Samples.xbauWithNewMessageId(APPLICATION)).json().get("trackingId").asText();

            JsonNode deadLetter = client.awaitStatus(trackingId, "DEAD_LETTER");

            assertThat(deadLetter.get("attempts").asInt()).isEqualTo(3);
            assertThat(HubClient.statuses(deadLetter)).containsSubsequence("FAILED", "FAILED", "DEAD_LETTER");
            assertThat(Collections.frequency(HubClient.statuses(deadLetter), "FAILED")).isEqualTo(2);
            HubClient operator = HubClient.operator(port);
            JsonNode kept = operator.await(() -> operator.get("/api/v1/dead-letters/" + trackingId),
                    response -> response.status() == 200).json();
            assertThat(kept.get("attempts").asInt()).isEqualTo(3);
            assertThat(kept.get("lastError").asText()).contains("Connection refused");
            assertThat(kept.get("connector").asText()).isEqualTo("ebauantrag");
        }
    }

    @Test
    void brokerThatDoesNotTakeASubmissionMeansNotAcceptedAndNothingRecorded() throws Exception {
        int port = HubTestSupport.freePort();
        try (ConfigurableApplicationContext hub = startHub(HubTestSupport.newDataDir(), port, Map.of())) {
            hub.getBean(EmbeddedActiveMQ.class).stop();

            HubClient.Response response = new HubClient(port).submit(Samples.xbauWithNewMessageId(APPLICATION));

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(hub.getBean(JdbcTemplate.class).queryForObject("select count(*) from submission", Integer.class))
                    .isZero();
        }
    }

    private static ConfigurableApplicationContext startHub(Path dataDir, int port, Map<String, Object> overrides) {
        Map<String, Object> properties = new TreeMap<>(Map.of(
                "server.port", port,
                "amtsbote.data-dir", dataDir.toString(),
                "amtsbote.destinations.bauaufsicht.retry.delay", "100ms",
                "spring.main.banner-mode", "off"));
        properties.putAll(overrides);
        // as command-line arguments, so they win over application.yaml (builder properties are only defaults)
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(AmtsboteApplication.class).run(arguments);
    }

    /** A loopback port nobody listens on: connection refused, as when the specialist system is down. */
    private static String unreachableAddress() {
        return "http://127.0.0.1:" + HubTestSupport.freePort() + "/services/bauaufsicht";
    }
}
