package de.amtsbote.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.amtsbote.HubClient;
import java.time.Duration;
import java.time.Instant;
import java.util.IntSummaryStatistics;
import org.junit.jupiter.api.Test;

/**
 * A specialist system down for about three days, on a clock compressed 1,000 times (profile {@code soak}): the
 * default retry policy (1 s doubling up to 15 min, 300 attempts) becomes 1 ms up to 0.9 s, so 300 attempts span
 * about 4.3 minutes; the outage lasts {@code soak.outage} (default 4 min, about 2.8 compressed days). Every message
 * must be retried, none given up, and each delivered once when the system is back. The compressed clock asks a
 * thousand times the real attempt rate, so the default is 50 messages.
 */
class LongOutageSoak {

    private static final int SCALE = 1_000;
    private static final int SUBMISSIONS = Integer.getInteger("soak.outage-submissions", 50);
    private static final Duration OUTAGE = Duration.parse(System.getProperty("soak.outage", "PT4M"));
    private static final int CONSUMERS = 4;

    @Test
    void everyMessageOutlastsAThreeDayOutageAndArrivesOnce() {
        try (FakeSpecialistSystem specialistSystem = FakeSpecialistSystem.create();
             HubJvm hub = HubJvm.builder("outage-soak")
                     .deliveringTo(specialistSystem)
                     .property("amtsbote.destinations.bauaufsicht.retry.delay", Duration.ofSeconds(1).toMillis() / SCALE + "ms")
                     .property("amtsbote.destinations.bauaufsicht.retry.max-delay", Duration.ofMinutes(15).toMillis() / SCALE + "ms")
                     .start()) {
            Instant down = Instant.now();
            SubmissionLoad.Report report = SubmissionLoad.builder("outage soak", SUBMISSIONS).against(hub).start()
                    .awaitFinished(Duration.ofMinutes(5));
            Pause.sleep(Duration.between(Instant.now(), down.plus(OUTAGE)));

            specialistSystem.start();
            Instant back = Instant.now();

            DeliveryAudit.verify("outage soak", report, specialistSystem, hub, CONSUMERS, back, Duration.ofMinutes(10));
            HubClient client = hub.client();
            IntSummaryStatistics attempts = report.accepted().values().stream()
                    .map(trackingId -> client.status(trackingId).json())
                    .mapToInt(status -> status.get("attempts").asInt()).summaryStatistics();
            System.out.printf("outage soak: %d messages through an outage of %d s (%.1f days at x%d): attempts per message"
                            + " min %d, mean %.0f, max %d; %d broker redeliveries in all%n", report.accepted().size(),
                    OUTAGE.toSeconds(), OUTAGE.toSeconds() * SCALE / 86_400.0, SCALE, attempts.getMin(),
                    attempts.getAverage(), attempts.getMax(), attempts.getSum() - attempts.getCount());
            // the spread of attempts is printed, not asserted: on a clock this compressed the broker's redeliveries
            // fall behind the policy's schedule (what matters is that none is given up and each arrives once)
            assertThat(attempts.getMin()).as("every message was retried during the outage").isGreaterThan(1);
            JsonNode deadLetters = HubClient.operator(hub.port()).get("/api/v1/dead-letters").json();
            assertThat(deadLetters.get("total").asInt()).as("nothing given up").isZero();
        }
    }
}
