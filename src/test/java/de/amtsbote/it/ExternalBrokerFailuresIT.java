package de.amtsbote.it;

import static org.assertj.core.api.Assertions.assertThat;

import de.amtsbote.HubClient;
import de.amtsbote.Samples;
import de.amtsbote.it.SubmissionLoad.Outcome;
import de.amtsbote.it.SubmissionLoad.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue proof 3: the external broker goes away under load and comes back, once stopped by an operator (SIGTERM) and
 * once killed (SIGKILL), with one hub on it (H2 in its data directory). While the broker is away the hub answers 503
 * (no 202 it could not keep); afterwards it takes submissions again by itself, and every submission that got a 202
 * reaches the specialist system once as a case. And the failure in between, which a load only hits by chance: the
 * broker stores a message but its confirmation never reaches the hub. One broker, hub and specialist system serve
 * all tests; the broker loses confirmations only for messages marked for that test.
 */
class ExternalBrokerFailuresIT {

    /** At most; the load stops once {@link #ACCEPTED_AFTER_OUTAGE} more were accepted after the broker came back. */
    private static final int SUBMISSIONS = 3_000;
    private static final int CLIENTS = 16;
    /** Paced, so the load goes on at the same rate through the outage, however quickly the hub answers. */
    private static final double RATE = 80;
    private static final int ACCEPTED_BEFORE_OUTAGE = 300;
    private static final int ACCEPTED_AFTER_OUTAGE = 300;
    /** How long the broker stays away before it is started again (its start takes a few seconds more). */
    private static final Duration OUTAGE = Duration.ofSeconds(3);
    private static final int CONSUMERS = 4;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

    private static StandaloneArtemis broker;
    private static FakeSpecialistSystem specialistSystem;
    private static HubJvm hub;

    @BeforeAll
    static void startHub() {
        broker = StandaloneArtemis.createLosingConfirmations().start();
        specialistSystem = FakeSpecialistSystem.create().latency(Duration.ofMillis(5), Duration.ofMillis(20)).start();
        hub = HubJvm.builder("hub-on-restarted-broker")
                .broker(broker)
                // fail fast while the broker is away (503 at once); by default each new connection waits for a
                // second attempt through the broker's topology, and the intake holds every request meanwhile
                // (and a send waits 3 s for the broker's confirmation rather than 30 s, for the lost confirmation)
                .property("spring.artemis.broker-url", broker.brokerUrl()
                        + "?useTopologyForLoadBalancing=false&callTimeout=" + CALL_TIMEOUT.toMillis())
                .deliveringTo(specialistSystem)
                .maxHeap("256m")
                .start();
    }

    @AfterAll
    static void stopAll() {
        ChildProcess.closeAll(hub, specialistSystem, broker);
    }

    @Test
    void brokerStoppedAndStartedAgain() {
        underLoadWhileTheBrokerIsAway("broker stopped (SIGTERM) under load", broker::stop);
    }

    @Test
    void brokerKilledAndStartedAgain() {
        underLoadWhileTheBrokerIsAway("broker killed (SIGKILL) under load", broker::kill);
    }

    /**
     * The broker stores the message, but its confirmation is lost on the way back: the hub's send times out and the
     * portal gets a 503, yet the message is queued and will be delivered. The hub must still track it, deliver it
     * once, and answer the portal's resend with the same tracking id.
     */
    @Test
    void aSubmissionWhoseConfirmationIsLostIsDeliveredOnceAndTracked() {
        String sample = Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml");
        String messageId = LostConfirmation.MARK + Samples.messageId(sample).substring(LostConfirmation.MARK.length());
        String xml = sample.replace(Samples.messageId(sample), messageId);
        HubClient client = hub.client();

        HubClient.Response response = client.submit(xml);
        assertThat(response.status()).as(response.body()).isEqualTo(503);

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> specialistSystem.cases().containsKey(messageId));
        String trackingId = specialistSystem.calls().stream().filter(call -> messageId.equals(call.nachrichtenUUID()))
                .findFirst().orElseThrow().trackingId();
        System.out.printf("Confirmation lost: the portal got 503, the specialist system got %s under tracking id %s,"
                + " the hub's status API answers %d%n", messageId, trackingId, client.status(trackingId).status());
        client.awaitStatus(trackingId, "DELIVERED");

        HubClient.Response resend = client.submit(xml); // as the 503 asked
        assertThat(resend.status()).as(resend.body()).isEqualTo(200);
        assertThat(resend.json().get("trackingId").asText()).isEqualTo(trackingId);
        // the broker would redeliver after 1 s, 2 s, 4 s ... had anything failed: give that a chance to show
        Awaitility.await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(specialistSystem.callsFor(messageId)).isEqualTo(1));
    }

    private void underLoadWhileTheBrokerIsAway(String label, Runnable outage) {
        SubmissionLoad load = SubmissionLoad.builder(label, SUBMISSIONS).clients(CLIENTS).ratePerSecond(RATE)
                .against(hub).start();

        load.awaitAccepted(ACCEPTED_BEFORE_OUTAGE, Duration.ofMinutes(2));
        outage.run();
        Instant down = Instant.now();
        System.out.printf("%s: broker down after %d accepted%n", label, load.count(Outcome.ACCEPTED));
        Pause.sleep(OUTAGE); // the broker stays away a while, as in a real outage, before it is started again
        Instant starting = Instant.now();
        broker.start();
        Instant back = Instant.now();
        System.out.printf("%s: broker back after %.1f s%n", label, Duration.between(down, back).toMillis() / 1000.0);
        load.awaitAccepted(load.count(Outcome.ACCEPTED) + ACCEPTED_AFTER_OUTAGE, Duration.ofMinutes(2));
        load.stop();
        SubmissionLoad.Report report = load.awaitFinished(Duration.ofMinutes(3));

        DeliveryAudit.verify(label, report, specialistSystem, hub, CONSUMERS, back, Duration.ofMinutes(3));

        List<Result> sentWhileDown = report.with(result -> sentAt(result).isAfter(down) && sentAt(result).isBefore(starting));
        List<Result> acceptedWhileDown = sentWhileDown.stream()
                .filter(result -> result.outcome().accepted() && result.at().isBefore(starting)).toList();
        long acceptedAfterwards = report.with(result -> result.outcome() == Outcome.ACCEPTED && result.at().isAfter(back))
                .size();
        Duration slowest = report.results().stream().map(Result::latency).max(Duration::compareTo).orElseThrow();
        System.out.printf("%s: %d submissions sent while the broker was down: %d answered 202 once it was back, %d 503,"
                        + " %d connection errors; %d answered after 1 s or later, the slowest after %.1f s;"
                        + " %d accepted after the broker was back%n", label, sentWhileDown.size(),
                sentWhileDown.stream().filter(result -> result.outcome().accepted()).count(),
                sentWhileDown.stream().filter(result -> result.outcome() == Outcome.UNAVAILABLE).count(),
                sentWhileDown.stream().filter(result -> result.outcome() == Outcome.CONNECTION_ERROR).count(),
                report.with(result -> result.latency().compareTo(Duration.ofSeconds(1)) >= 0).size(),
                slowest.toMillis() / 1000.0, acceptedAfterwards);
        DeliveryAudit.assertSawFailure("submissions sent while the broker was down", sentWhileDown.size());
        assertThat(acceptedWhileDown).as("202 answered while no broker was running").isEmpty();
        assertThat(acceptedAfterwards).as("the hub takes submissions again once the broker is back").isPositive();
    }

    private static Instant sentAt(Result result) {
        return result.at().minus(result.latency());
    }
}
