package de.amtsbote.it;

import static org.assertj.core.api.Assertions.assertThat;

import de.amtsbote.HubClient;
import de.amtsbote.Samples;
import de.amtsbote.it.FakeSpecialistSystem.Answer;
import de.amtsbote.it.FakeSpecialistSystem.Call;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged hub as deployed: its own JVM, an external broker, PostgreSQL, and a specialist system it reaches
 * only over the network. Proves that the pieces the failure tests build on work together. One hub serves both
 * tests, as a JVM start is the expensive part.
 */
class ExternalBrokerAndPostgresIT {

    private static final String APPLICATION = "baugenehmigung-antrag-0200.xml";
    private static final Duration RETRY_DELAY = Duration.ofMillis(500);

    private static Postgres.Database database;
    private static StandaloneArtemis broker;
    private static FakeSpecialistSystem specialistSystem;
    private static HubJvm hub;
    private static HubClient client;

    @BeforeAll
    static void startHub() {
        // PostgreSQL and the broker start side by side; the hub needs both
        CompletableFuture<Postgres.Database> newDatabase = CompletableFuture.supplyAsync(Postgres::newDatabase);
        broker = StandaloneArtemis.create().start();
        database = newDatabase.join();
        specialistSystem = FakeSpecialistSystem.create().start();
        hub = HubJvm.builder("hub")
                .broker(broker)
                .database(database)
                .deliveringTo(specialistSystem)
                // the hub sets this policy on the broker itself, through Artemis management
                .property("amtsbote.destinations.bauaufsicht.retry.delay", RETRY_DELAY.toMillis() + "ms")
                .property("amtsbote.destinations.bauaufsicht.retry.max-attempts", "5")
                .maxHeap("256m")
                .start();
        client = hub.client();
    }

    @AfterAll
    static void stopAll() {
        ChildProcess.closeAll(hub, specialistSystem, broker);
    }

    @Test
    void everySubmissionIsTrackedInPostgresAndDeliveredOnceThroughTheExternalBroker() throws Exception {
        List<String> messageIds = new ArrayList<>();
        List<String> trackingIds = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String xml = Samples.xbauWithNewMessageId(APPLICATION);
            HubClient.Response response = client.submit(xml);
            assertThat(response.status()).as("submission %d: %s%n%s", i, response.body(), hub.logTail()).isEqualTo(202);
            messageIds.add(Samples.messageId(xml));
            trackingIds.add(response.json().get("trackingId").asText());
        }

        trackingIds.forEach(trackingId -> client.awaitStatus(trackingId, "DELIVERED"));

        assertThat(specialistSystem.violations()).isEmpty();
        assertThat(specialistSystem.cases()).containsKeys(messageIds.toArray(String[]::new));
        assertThat(messageIds).allSatisfy(id -> assertThat(specialistSystem.callsFor(id)).as(id).isEqualTo(1));
        assertThat(trackingIds).allSatisfy(id -> assertThat(database.submissionStatus(id)).as(id).isEqualTo("DELIVERED"));
        assertThat(Files.exists(hub.dataDir().resolve("artemis"))).as("an embedded broker's journal").isFalse();
    }

    /** Proves the redelivery policy from application.yaml reached the external broker: a broker's default is no delay. */
    @Test
    void aFailingSpecialistSystemIsCalledAgainAfterTheBrokersDelayAndOpensOneCase() {
        specialistSystem.failNext(2, Answer.SERVER_FAULT);
        String xml = Samples.xbauWithNewMessageId(APPLICATION);
        String messageId = Samples.messageId(xml);
        String trackingId = client.submit(xml).json().get("trackingId").asText();

        assertThat(HubClient.statuses(client.awaitStatus(trackingId, "DELIVERED")))
                .containsSubsequence("QUEUED", "FAILED", "FAILED", "DELIVERED");

        List<Call> calls = specialistSystem.calls().stream().filter(call -> messageId.equals(call.nachrichtenUUID())).toList();
        assertThat(calls).extracting(Call::answer).containsExactly(Answer.SERVER_FAULT, Answer.SERVER_FAULT, Answer.ACCEPTED);
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at())).isGreaterThanOrEqualTo(RETRY_DELAY);
        assertThat(specialistSystem.cases()).containsKey(messageId);
    }
}
