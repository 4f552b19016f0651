package de.amtsbote.it;

import static org.assertj.core.api.Assertions.assertThat;

import de.amtsbote.it.SubmissionLoad.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue proof 4: two hub processes share one external broker and one PostgreSQL database; the load goes to both,
 * and one of them is killed with SIGKILL mid-load and stays down. The broker hands the killed hub's unconfirmed
 * deliveries to the survivor, whose idempotent repository (in the shared database) knows what the killed one
 * completed. Every submission either hub accepted reaches the specialist system once as a case, and the
 * survivor's status API shows each as DELIVERED.
 */
class TwoHubsOneKilledIT {

    private static final int SUBMISSIONS = 2_000;
    private static final int CLIENTS = 16;
    private static final int CONSUMERS = 4;

    private static StandaloneArtemis broker;
    private static FakeSpecialistSystem specialistSystem;
    private static HubJvm killed;
    private static HubJvm survivor;

    @BeforeAll
    static void startHubs() {
        CompletableFuture<Postgres.Database> newDatabase = CompletableFuture.supplyAsync(Postgres::newDatabase);
        broker = StandaloneArtemis.create().start();
        Postgres.Database database = newDatabase.join();
        specialistSystem = FakeSpecialistSystem.create().latency(Duration.ofMillis(5), Duration.ofMillis(20)).start();
        // side by side, as a rolling deployment might: Flyway serialises the two migrations with a database lock
        CompletableFuture<HubJvm> hubA = CompletableFuture.supplyAsync(() -> hub("hub-a", database));
        survivor = hub("hub-b", database);
        killed = hubA.join();
    }

    private static HubJvm hub(String name, Postgres.Database database) {
        return HubJvm.builder(name)
                .broker(broker)
                .database(database)
                .deliveringTo(specialistSystem)
                .maxHeap("256m")
                .start();
    }

    @AfterAll
    static void stopAll() {
        ChildProcess.closeAll(killed, survivor, specialistSystem, broker);
    }

    @Test
    void everySubmissionEitherHubAcceptedIsDeliveredOnceWhenOneIsKilled() {
        // a load balancer in front: a refused connection goes to the other hub
        SubmissionLoad load = SubmissionLoad.builder("two-hubs", SUBMISSIONS).clients(CLIENTS).against(killed, survivor)
                .failover(Duration.ofSeconds(30)).start();

        load.awaitAccepted(SUBMISSIONS / 2, Duration.ofMinutes(2));
        killed.kill();
        Instant killedAt = Instant.now();
        Set<String> acceptedBeforeKill = load.acceptedSoFar();
        long backlog = acceptedBeforeKill.stream().filter(id -> !specialistSystem.cases().containsKey(id)).count();
        System.out.printf("Hub A killed (SIGKILL) after %d accepted by both, of which %d were not yet at the specialist"
                + " system%n", acceptedBeforeKill.size(), backlog);
        Instant backlogDone = DeliveryAudit.awaitArrival(acceptedBeforeKill, specialistSystem, Duration.ofMinutes(3));
        System.out.printf("Backlog at the specialist system %s after the kill%n", backlogDone == null ? "not"
                : Duration.between(killedAt, backlogDone).toMillis() / 1000.0 + " s");
        SubmissionLoad.Report report = load.awaitFinished(Duration.ofMinutes(3));

        DeliveryAudit.verify("two hubs, one killed with SIGKILL under load", report, specialistSystem, survivor,
                CONSUMERS, killedAt, Duration.ofMinutes(3));
        assertThat(backlog).as("submissions queued or in delivery when hub A died").isPositive();
        assertThat(report.with(result -> result.outcome() == Outcome.ACCEPTED && result.hub() == 0))
                .as("submissions hub A accepted before it died").isNotEmpty();
    }
}
