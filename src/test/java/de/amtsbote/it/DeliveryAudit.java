package de.amtsbote.it;

import static org.assertj.core.api.Assertions.assertThat;

import de.amtsbote.HubClient;
import de.amtsbote.it.FakeSpecialistSystem.Call;
import de.amtsbote.it.SubmissionLoad.Outcome;
import de.amtsbote.it.SubmissionLoad.Report;
import de.amtsbote.it.SubmissionLoad.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;

/**
 * "Nothing lost, nothing twice", counted where it matters: at the specialist system, and in the hub's status view.
 * After a load with a failure injected, it waits until every submission a portal got a tracking id for has reached
 * the specialist system, checks the statuses, and then asserts:
 * <ul>
 *   <li>none lost: every accepted nachrichtenUUID opened its case;</li>
 *   <li>none twice: every nachrichtenUUID reached the specialist system under one tracking id only (the hub accepted
 *       it once), and it was called more than once for at most {@code repeatBound} messages: the ones in the SOAP
 *       call when the failure struck, which the specialist system deduplicates by nachrichtenUUID;</li>
 *   <li>a refused request (never sent) never arrives; an ambiguous one (503, broken connection) may arrive, once as a
 *       case, and then the hub tracks it as DELIVERED;</li>
 *   <li>the status API shows every accepted submission DELIVERED.</li>
 * </ul>
 * It prints the figures in one block, so they can be quoted.
 */
final class DeliveryAudit {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final Duration QUIET_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(60);
    private static final int STATUS_THREADS = 8;
    private static final int SHOW = 10;

    /** What the audit measured. {@code drain} is from the recovery to the last accepted message's arrival. */
    record Figures(int submitted, int accepted, int resent, int unavailable, int other, int connectionErrors,
                   int refused, int refusedConnections, int acceptedDelivered, int ambiguousDelivered,
                   int repeatedMessages, int extraCalls, Duration drain, Duration load) {
    }

    private DeliveryAudit() {
    }

    /**
     * @param label       names the figures in the output
     * @param statusHub   a running hub whose status API answers for every submission (any hub on the same database)
     * @param repeatBound how many messages may have been called twice: those in a SOAP call when the failure struck
     * @param recoveredAt when the system was whole again (hub restarted, broker back), for the drain time
     * @param timeout     how long the accepted submissions may take to reach the specialist system
     */
    static Figures verify(String label, Report load, FakeSpecialistSystem specialistSystem, HubJvm statusHub,
                          int repeatBound, Instant recoveredAt, Duration timeout) {
        Map<String, String> accepted = load.accepted();
        Map<String, Result> outcomes = load.byMessageId();

        Instant allArrived = awaitArrival(accepted.keySet(), specialistSystem, timeout);
        HubClient client = statusHub.client();
        Map<String, String> statuses = awaitStatuses(client, accepted.values(), "DELIVERED", STATUS_TIMEOUT);
        awaitQuiet(specialistSystem);

        Map<String, String> cases = specialistSystem.cases();
        Map<String, List<Call>> callsOfThisLoad = specialistSystem.calls().stream()
                .filter(call -> outcomes.containsKey(call.nachrichtenUUID()))
                .collect(Collectors.groupingBy(Call::nachrichtenUUID, LinkedHashMap::new, Collectors.toList()));

        List<String> lost = accepted.keySet().stream().filter(id -> !cases.containsKey(id)).toList();
        Map<String, Set<String>> trackingIdsPerMessage = new LinkedHashMap<>();
        callsOfThisLoad.forEach((id, calls) -> trackingIdsPerMessage.put(id,
                calls.stream().map(Call::trackingId).collect(Collectors.toCollection(LinkedHashSet::new))));
        List<String> underTwoTrackingIds = trackingIdsPerMessage.entrySet().stream()
                .filter(entry -> entry.getValue().size() > 1).map(Map.Entry::getKey).toList();
        List<String> underAnotherTrackingId = accepted.entrySet().stream()
                .filter(entry -> trackingIdsPerMessage.containsKey(entry.getKey())
                        && !trackingIdsPerMessage.get(entry.getKey()).contains(entry.getValue()))
                .map(Map.Entry::getKey).toList();
        Map<String, Integer> repeated = new LinkedHashMap<>();
        callsOfThisLoad.forEach((id, calls) -> {
            if (calls.size() > 1) {
                repeated.put(id, calls.size());
            }
        });
        int extraCalls = repeated.values().stream().mapToInt(calls -> calls - 1).sum();
        List<String> refusedButArrived = load.with(Outcome.REFUSED).stream().map(Result::messageId)
                .filter(callsOfThisLoad::containsKey).toList();

        // an ambiguous submission that arrived: the hub must track it, under the tracking id it delivered with
        Map<String, String> ambiguousStatuses = new LinkedHashMap<>();
        load.with(result -> !result.outcome().accepted() && result.outcome() != Outcome.REFUSED).stream()
                .map(Result::messageId).filter(callsOfThisLoad::containsKey)
                .forEach(id -> ambiguousStatuses.put(id, statusOf(client,
                        callsOfThisLoad.get(id).get(0).trackingId())));

        Figures figures = new Figures(load.results().size(), load.count(Outcome.ACCEPTED), load.count(Outcome.RESEND),
                load.count(Outcome.UNAVAILABLE), load.count(Outcome.OTHER), load.count(Outcome.CONNECTION_ERROR),
                load.count(Outcome.REFUSED), load.refusedConnections(),
                (int) accepted.keySet().stream().filter(cases::containsKey).count(), ambiguousStatuses.size(),
                repeated.size(), extraCalls, allArrived == null ? null : Duration.between(recoveredAt, allArrived),
                load.duration());
        print(label, figures, repeatBound, repeated, outcomes, ambiguousStatuses);

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(specialistSystem.violations()).as("calls that broke the SOAP contract").isEmpty();
        softly.assertThat(lost).as("%s: accepted (202/200) but never reached the specialist system; statuses: %s",
                label, describe(lost, accepted, statuses)).isEmpty();
        softly.assertThat(underTwoTrackingIds).as("%s: messages the hub delivered under two tracking ids (accepted twice): %s",
                label, underTwoTrackingIds.stream().limit(SHOW).map(trackingIdsPerMessage::get).toList()).isEmpty();
        softly.assertThat(underAnotherTrackingId).as("%s: delivered under another tracking id than the receipt's", label)
                .isEmpty();
        softly.assertThat(refusedButArrived).as("%s: never sent (connection refused) but arrived", label).isEmpty();
        softly.assertThat(repeated.size()).as("%s: messages the specialist system was called for more than once: %s",
                label, repeated).isLessThanOrEqualTo(repeatBound);
        Map<String, String> notDelivered = new LinkedHashMap<>();
        accepted.forEach((id, trackingId) -> {
            if (!"DELIVERED".equals(statuses.get(trackingId))) {
                notDelivered.put(trackingId, statuses.get(trackingId));
            }
        });
        softly.assertThat(notDelivered).as("%s: accepted submissions whose status is not DELIVERED (tracking id to status)",
                label).isEmpty();
        Map<String, String> ambiguousNotDelivered = new LinkedHashMap<>(ambiguousStatuses);
        ambiguousNotDelivered.values().removeIf("DELIVERED"::equals);
        softly.assertThat(ambiguousNotDelivered).as("%s: not accepted as far as the portal knows, but delivered: the hub"
                + " must still track them (message id to status; outcomes %s)", label,
                ambiguousNotDelivered.keySet().stream().limit(SHOW).map(outcomes::get).toList()).isEmpty();
        softly.assertAll();
        return figures;
    }

    /** Polls the specialist system (in process, no HTTP) until every given message has opened its case. */
    static Instant awaitArrival(Set<String> messageIds, FakeSpecialistSystem specialistSystem, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastPrint = System.nanoTime();
        while (true) {
            Map<String, String> cases = specialistSystem.cases();
            long missing = messageIds.stream().filter(id -> !cases.containsKey(id)).count();
            if (missing == 0) {
                return Instant.now();
            }
            if (System.nanoTime() > deadline) {
                System.out.printf("%d accepted submissions still not at the specialist system after %d s%n", missing,
                        timeout.toSeconds());
                return null;
            }
            if (System.nanoTime() - lastPrint > Duration.ofSeconds(5).toNanos()) {
                System.out.printf("waiting for %d accepted submissions to reach the specialist system%n", missing);
                lastPrint = System.nanoTime();
            }
            Pause.sleep(POLL);
        }
    }

    /** Polls the status API until every submission has the expected status; returns the last status seen of each. */
    static Map<String, String> awaitStatuses(HubClient client, Iterable<String> trackingIds, String expected,
                                             Duration timeout) {
        Map<String, String> statuses = new ConcurrentHashMap<>();
        List<String> pending = new ArrayList<>();
        trackingIds.forEach(pending::add);
        long deadline = System.nanoTime() + timeout.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(STATUS_THREADS);
        try {
            while (!pending.isEmpty()) {
                List<Future<?>> polls = new ArrayList<>();
                for (String trackingId : pending) {
                    polls.add(pool.submit(() -> statuses.put(trackingId, statusOf(client, trackingId))));
                }
                for (Future<?> poll : polls) {
                    poll.get();
                }
                pending.removeIf(trackingId -> expected.equals(statuses.get(trackingId)));
                if (pending.isEmpty() || System.nanoTime() > deadline) {
                    break;
                }
                Pause.sleep(Duration.ofMillis(500));
            }
        } catch (Exception e) {
            throw new IllegalStateException("status polls failed", e);
        } finally {
            pool.shutdownNow();
        }
        return new HashMap<>(statuses);
    }

    /** The status, or {@code HTTP <code>} when the hub does not know the tracking id. */
    private static String statusOf(HubClient client, String trackingId) {
        HubClient.Response response = client.status(trackingId);
        return response.status() == 200 ? response.json().path("status").asText() : "HTTP " + response.status();
    }

    /** Waits until the specialist system has had no call for a few seconds: late repeats would show now. */
    private static void awaitQuiet(FakeSpecialistSystem specialistSystem) {
        long deadline = System.nanoTime() + QUIET_TIMEOUT.toNanos();
        int calls = specialistSystem.totalCalls();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < QUIET.toNanos() && System.nanoTime() < deadline) {
            Pause.sleep(POLL);
            int now = specialistSystem.totalCalls();
            if (now != calls) {
                calls = now;
                quietSince = System.nanoTime();
            }
        }
    }

    private static void print(String label, Figures f, int repeatBound, Map<String, Integer> repeated,
                              Map<String, Result> outcomes, Map<String, String> ambiguousStatuses) {
        String n = System.lineSeparator();
        StringBuilder text = new StringBuilder("==== " + label + " ====" + n)
                .append(String.format("submitted %d in %.1f s: 202 %d, 200 %d, 503 %d, other answers %d,"
                                + " connection errors %d, refused %d (refused connections tried again: %d)%n",
                        f.submitted(), f.load().toMillis() / 1000.0, f.accepted(), f.resent(), f.unavailable(), f.other(),
                        f.connectionErrors(), f.refused(), f.refusedConnections()))
                .append(String.format("accepted and delivered: %d of %d (status DELIVERED checked for each)%n",
                        f.acceptedDelivered(), f.accepted() + f.resent()))
                .append(String.format("not accepted as far as the portal knows, delivered anyway (once as a case): %d%n",
                        f.ambiguousDelivered()))
                .append(String.format("messages called more than once: %d (bound %d), extra calls %d%n",
                        f.repeatedMessages(), repeatBound, f.extraCalls()))
                .append(String.format("drain after recovery: %s%n",
                        f.drain() == null ? "did not complete" : String.format("%.1f s", f.drain().toMillis() / 1000.0)));
        repeated.entrySet().stream().limit(SHOW).forEach(entry -> text.append(String.format(
                "  repeated: %s called %d times, portal outcome %s%n", entry.getKey(), entry.getValue(),
                outcomes.get(entry.getKey()).outcome())));
        ambiguousStatuses.entrySet().stream().limit(SHOW).forEach(entry -> text.append(String.format(
                "  delivered though not accepted: %s (%s), hub status %s%n", entry.getKey(),
                outcomes.get(entry.getKey()).outcome(), entry.getValue())));
        System.out.print(text);
    }

    private static List<String> describe(List<String> messageIds, Map<String, String> accepted,
                                         Map<String, String> statuses) {
        return messageIds.stream().limit(SHOW)
                .map(id -> id + " (" + accepted.get(id) + ": " + statuses.get(accepted.get(id)) + ")").toList();
    }


    static void assertSawFailure(String what, int count) {
        assertThat(count).as("the load must have met the failure (%s), or the test proves nothing", what).isPositive();
    }
}
