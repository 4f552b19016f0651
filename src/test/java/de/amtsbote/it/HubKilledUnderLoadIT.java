package de.amtsbote.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue proof 2: the hub process is killed with SIGKILL while 2,000 submissions are in flight, with its embedded
 * broker (journal in its data directory) and its tracking store on PostgreSQL, and started again on the same data
 * directory. Every submission that got a 202 reaches the specialist system once as a case; only messages that were
 * in the SOAP call at the moment of the kill may be sent again (the specialist system deduplicates them by
 * nachrichtenUUID). The tracking store is PostgreSQL because the embedded H2 keeps its last commits in memory (its
 * write delay): killed, it may lose the final status of messages delivered in the last fraction of a second.
 */
class HubKilledUnderLoadIT {

    private static final int SUBMISSIONS = 2_000;
    private static final int CLIENTS = 16;
    /** {@code amtsbote.destinations.bauaufsicht.consumers} by default: at most this many calls are in flight. */
    private static final int CONSUMERS = 4;

    private static FakeSpecialistSystem specialistSystem;
    private static HubJvm hub;

    @BeforeAll
    static void startHub() {
        specialistSystem = FakeSpecialistSystem.create().latency(Duration.ofMillis(5), Duration.ofMillis(20)).start();
        hub = HubJvm.builder("hub-killed")
                .database(Postgres.newDatabase())
                .deliveringTo(specialistSystem)
                .maxHeap("256m")
                .start();
    }

    @AfterAll
    static void stopAll() {
        ChildProcess.closeAll(hub, specialistSystem);
    }

    @Test
    void everyAcceptedSubmissionIsDeliveredOnceAfterTheHubIsKilledMidLoad() {
        // portals send again when the hub does not take connections, as they would during a restart
        SubmissionLoad load = SubmissionLoad.builder("hub-killed", SUBMISSIONS).clients(CLIENTS).against(hub)
                .failover(Duration.ofMinutes(2)).start();

        load.awaitAccepted(SUBMISSIONS / 2, Duration.ofMinutes(2));
        hub.kill();
        Instant killed = Instant.now();
        Set<String> acceptedBeforeKill = load.acceptedSoFar();
        long backlog = acceptedBeforeKill.stream().filter(id -> !specialistSystem.cases().containsKey(id)).count();
        System.out.printf("Hub killed (SIGKILL) after %d accepted, of which %d were not yet at the specialist system%n",
                acceptedBeforeKill.size(), backlog);

        hub.start();
        Instant restarted = Instant.now();
        System.out.printf("Hub up again %.1f s after the kill%n", Duration.between(killed, restarted).toMillis() / 1000.0);
        Instant backlogDone = DeliveryAudit.awaitArrival(acceptedBeforeKill, specialistSystem, Duration.ofMinutes(3));
        System.out.printf("Backlog of the killed hub at the specialist system %s after the restart%n",
                backlogDone == null ? "not" : Duration.between(restarted, backlogDone).toMillis() / 1000.0 + " s");
        SubmissionLoad.Report report = load.awaitFinished(Duration.ofMinutes(3));

        DeliveryAudit.verify("hub killed with SIGKILL under load", report, specialistSystem, hub, CONSUMERS, restarted,
                Duration.ofMinutes(3));
        assertThat(backlog).as("submissions queued or in delivery when the hub died")
                .isPositive();
    }
}
