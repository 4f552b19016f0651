package de.amtsbote.it;

import de.amtsbote.DemoClients;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.amtsbote.Samples;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Portals under load: N new submissions (each a new message of a new case) from K concurrent client threads against
 * one or more hubs, round-robin, optionally paced to a rate. It records for every nachrichtenUUID what the portal
 * learned: 202 or 200 with a tracking id, 503, another answer, or a connection that failed. It keeps going whatever
 * happens to the hubs (until {@link #stop()} or the last submission), so a test can kill a hub or a broker while it
 * runs; it prints a progress line every few seconds.
 *
 * <p>A connection that fails before the request is sent (refused, or not established in time) means the hub never
 * saw the submission; with {@link Builder#failover(Duration)} the client tries the next hub, and waits for one to
 * take connections again, as a portal behind a load balancer would. A connection that breaks after the request went
 * out is ambiguous (the hub may have accepted the submission before it died) and is recorded, not repeated.
 */
public final class SubmissionLoad {

    /** What the portal learned about one submission. */
    public enum Outcome {
        /** 202 with a tracking id: the hub has it durably queued */
        ACCEPTED,
        /** 200 with a tracking id: the hub knew the message already */
        RESEND,
        /** 503: the hub did not take it (its broker did not) */
        UNAVAILABLE,
        /** any other HTTP answer */
        OTHER,
        /** the connection broke after the request went out: accepted or not, the portal cannot know */
        CONNECTION_ERROR,
        /** no hub took a connection (within the failover patience): the request never left the portal */
        REFUSED;

        /** A tracking id came back: the hub answers for this submission. */
        public boolean accepted() {
            return this == ACCEPTED || this == RESEND;
        }
    }

    /**
     * One submission's outcome.
     *
     * @param hub        index of the hub that answered (or was asked last)
     * @param trackingId for {@link Outcome#accepted()} outcomes, else null
     * @param status     the HTTP status, or -1 without an answer
     * @param at         when the outcome was known
     * @param latency    from sending the request (the last attempt, after refused connections) to the outcome
     * @param detail     the start of the answer or the exception, for anything but an acceptance
     */
    public record Result(String messageId, Outcome outcome, int hub, String trackingId, int status, Instant at,
                         Duration latency, String detail) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLE = "baugenehmigung-antrag-0200.xml";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REFUSED_PAUSE = Duration.ofMillis(200);
    private static final long PROGRESS_SECONDS = 5;
    private static final int DETAIL_CHARS = 200;

    private final String name;
    private final List<URI> hubs;
    private final int clients;
    private final double ratePerSecond;
    private final Duration failoverPatience;
    private final List<String> messages;
    private final List<String> messageIds;
    private final HttpClient http;
    private final AtomicReferenceArray<Result> results;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<Outcome, AtomicInteger> counts = new EnumMap<>(Outcome.class);
    private final AtomicInteger refusedConnections = new AtomicInteger();
    private final CountDownLatch finished;
    private final List<Thread> threads = new ArrayList<>();
    private volatile long startedNanos;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile boolean stopped;
    private Thread progress;

    private SubmissionLoad(Builder builder) {
        this.name = builder.name;
        this.hubs = List.copyOf(builder.hubs);
        this.clients = builder.clients;
        this.ratePerSecond = builder.ratePerSecond;
        this.failoverPatience = builder.failoverPatience;
        this.messages = new ArrayList<>(builder.submissions);
        this.messageIds = new ArrayList<>(builder.submissions);
        for (int i = 0; i < builder.submissions; i++) {
            String xml = Samples.xbauWithNewMessageId(SAMPLE);
            messages.add(xml);
            messageIds.add(Samples.messageId(xml));
        }
        this.results = new AtomicReferenceArray<>(builder.submissions);
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, new AtomicInteger());
        }
        this.finished = new CountDownLatch(clients);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /** @param name labels the progress lines */
    public static Builder builder(String name, int submissions) {
        return new Builder(name, submissions);
    }

    /** How many submissions have an outcome so far. */
    public int done() {
        return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public int count(Outcome outcome) {
        return counts.get(outcome).get();
    }

    /** The nachrichtenUUIDs that got a 202 or 200 so far. */
    public Set<String> acceptedSoFar() {
        Set<String> accepted = new HashSet<>();
        for (int i = 0; i < results.length(); i++) {
            Result result = results.get(i);
            if (result != null && result.outcome().accepted()) {
                accepted.add(result.messageId());
            }
        }
        return accepted;
    }

    /** Waits until at least {@code accepted} submissions got a 202 (or the load ended, or the timeout passed). */
    public int awaitAccepted(int accepted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count(Outcome.ACCEPTED) < accepted && finished.getCount() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + ": only " + count(Outcome.ACCEPTED) + " of " + accepted
                        + " accepted after " + timeout.toSeconds() + " s");
            }
            Pause.sleep(Duration.ofMillis(10));
        }
        return count(Outcome.ACCEPTED);
    }

    /** Sends no further submissions; those on their way still get their outcome. */
    public void stop() {
        stopped = true;
    }

    /** Waits until every submission sent has its outcome, then prints the summary. */
    public Report awaitFinished(Duration timeout) {
        try {
            if (!finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                threads.forEach(Thread::interrupt);
                throw new IllegalStateException(name + ": " + done() + " of " + messages.size()
                        + " submissions had an outcome after " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            progress.interrupt();
        }
        List<Result> all = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            if (results.get(i) != null) { // null: not sent, the load was stopped first
                all.add(results.get(i));
            }
        }
        Report report = new Report(name, all, refusedConnections.get(), Duration.between(startedAt, finishedAt));
        System.out.println(report.summary());
        return report;
    }

    private SubmissionLoad start() {
        startedNanos = System.nanoTime();
        startedAt = Instant.now();
        for (int i = 0; i < clients; i++) {
            Thread client = new Thread(this::work, name + "-client-" + i);
            client.setDaemon(true);
            threads.add(client);
        }
        threads.forEach(Thread::start);
        progress = new Thread(this::printProgress, name + "-progress");
        progress.setDaemon(true);
        progress.start();
        return this;
    }

    private void work() {
        try {
            for (int i = next.getAndIncrement(); i < messages.size() && !stopped; i = next.getAndIncrement()) {
                if (ratePerSecond > 0) {
                    long due = startedNanos + (long) (i * 1_000_000_000L / ratePerSecond);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                Result result = submit(i);
                results.set(i, result);
                counts.get(result.outcome()).incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                finishedAt = Instant.now();
            }
            finished.countDown();
        }
    }

    /** Posts submission i to its hub; on a refused connection to the next one, as long as the patience lasts. */
    private Result submit(int i) throws InterruptedException {
        String messageId = messageIds.get(i);
        long giveUp = System.nanoTime() + failoverPatience.toNanos();
        int hub = i % hubs.size();
        int refusedInRow = 0;
        while (true) {
            HttpRequest request = HttpRequest.newBuilder(hubs.get(hub).resolve("/api/v1/submissions"))
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/xml")
                    .header(DemoClients.API_KEY_HEADER, DemoClients.PORTAL_KEY)
                    .POST(HttpRequest.BodyPublishers.ofString(messages.get(i), StandardCharsets.UTF_8))
                    .build();
            long sent = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                return answered(messageId, hub, response, Duration.ofNanos(System.nanoTime() - sent));
            } catch (IOException e) {
                Duration latency = Duration.ofNanos(System.nanoTime() - sent);
                if (!notSent(e)) {
                    return new Result(messageId, Outcome.CONNECTION_ERROR, hub, null, -1, Instant.now(), latency,
                            describe(e));
                }
                refusedConnections.incrementAndGet();
                if (System.nanoTime() > giveUp) {
                    return new Result(messageId, Outcome.REFUSED, hub, null, -1, Instant.now(), latency, describe(e));
                }
                hub = (hub + 1) % hubs.size();
                if (++refusedInRow % hubs.size() == 0) {
                    Pause.sleep(REFUSED_PAUSE); // every hub refused: wait for one to come (back)
                }
            }
        }
    }

    private static Result answered(String messageId, int hub, HttpResponse<String> response, Duration latency) {
        int status = response.statusCode();
        String trackingId = null;
        if (status == 202 || status == 200) {
            try {
                JsonNode receipt = JSON.readTree(response.body());
                trackingId = receipt.path("trackingId").asText(null);
            } catch (IOException notJson) {
                // an answer without a receipt is not an acceptance
            }
        }
        Outcome outcome = trackingId == null ? (status == 503 ? Outcome.UNAVAILABLE : Outcome.OTHER)
                : status == 202 ? Outcome.ACCEPTED : Outcome.RESEND;
        String detail = outcome.accepted() ? null : "HTTP " + status + ": " + excerpt(response.body());
        return new Result(messageId, outcome, hub, trackingId, status, Instant.now(), latency, detail);
    }

    /** True if the request cannot have reached a hub: the connection was never established. */
    private static boolean notSent(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = e; cause != null && text.length() < DETAIL_CHARS; cause = cause.getCause()) {
            text.append(text.isEmpty() ? "" : " <- ").append(cause.getClass().getSimpleName())
                    .append(cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        return excerpt(text.toString());
    }

    private static String excerpt(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() > DETAIL_CHARS ? flat.substring(0, DETAIL_CHARS) + "…" : flat;
    }

    private void printProgress() {
        try {
            while (true) {
                TimeUnit.SECONDS.sleep(PROGRESS_SECONDS);
                System.out.printf("[%s %3d s] %s%n", name, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos),
                        tally(done(), messages.size(), count(Outcome.ACCEPTED), count(Outcome.RESEND),
                                count(Outcome.UNAVAILABLE), count(Outcome.OTHER), count(Outcome.CONNECTION_ERROR),
                                count(Outcome.REFUSED), refusedConnections.get()));
            }
        } catch (InterruptedException stopped) {
            // the load is over
        }
    }

    private static String tally(int done, int total, int accepted, int resent, int unavailable, int other,
                                int connectionErrors, int refused, int refusedConnections) {
        return String.format("answered %d/%d: 202 %d, 200 %d, 503 %d, other %d, connection errors %d, refused %d"
                        + " (connections refused and tried again: %d)", done, total, accepted, resent, unavailable, other,
                connectionErrors, refused, refusedConnections);
    }


    /** Every submission's outcome, in the order they were generated. */
    public record Report(String name, List<Result> results, int refusedConnections, Duration duration) {

        public List<Result> with(Predicate<Result> filter) {
            return results.stream().filter(filter).toList();
        }

        public List<Result> with(Outcome outcome) {
            return with(result -> result.outcome() == outcome);
        }

        public int count(Outcome outcome) {
            return with(outcome).size();
        }

        /** nachrichtenUUID to tracking id, for every submission a hub answered with a tracking id. */
        public Map<String, String> accepted() {
            return results.stream().filter(result -> result.outcome().accepted())
                    .collect(Collectors.toMap(Result::messageId, Result::trackingId, (a, b) -> a, LinkedHashMap::new));
        }

        /** The outcome for one message id. */
        public Map<String, Result> byMessageId() {
            return Collections.unmodifiableMap(results.stream()
                    .collect(Collectors.toMap(Result::messageId, result -> result, (a, b) -> a, LinkedHashMap::new)));
        }

        /** Answers per outcome (other answers and connection errors with their first detail). */
        public String summary() {
            StringBuilder text = new StringBuilder(String.format("[%s] %d submissions in %.1f s: ", name, results.size(),
                    duration.toMillis() / 1000.0));
            text.append(tally(results.size(), results.size(), count(Outcome.ACCEPTED), count(Outcome.RESEND),
                    count(Outcome.UNAVAILABLE), count(Outcome.OTHER), count(Outcome.CONNECTION_ERROR),
                    count(Outcome.REFUSED), refusedConnections));
            for (Outcome outcome : List.of(Outcome.UNAVAILABLE, Outcome.OTHER, Outcome.CONNECTION_ERROR, Outcome.REFUSED)) {
                with(outcome).stream().map(Result::detail).distinct().limit(3)
                        .forEach(detail -> text.append(System.lineSeparator()).append("  ").append(outcome)
                                .append(": ").append(detail));
            }
            return text.toString();
        }
    }

    /** How the load runs; every option has a default but the hubs. */
    public static final class Builder {

        private final String name;
        private final int submissions;
        private final List<URI> hubs = new ArrayList<>();
        private int clients = 16;
        private double ratePerSecond;
        private Duration failoverPatience = Duration.ZERO;

        private Builder(String name, int submissions) {
            this.name = name;
            this.submissions = submissions;
        }

        /** The hubs the submissions go to, round-robin. */
        public Builder against(HubJvm... hubs) {
            for (HubJvm hub : hubs) {
                this.hubs.add(URI.create("http://127.0.0.1:" + hub.port()));
            }
            return this;
        }

        /** Concurrent client threads, each waiting for its answer before it sends the next (16 by default). */
        public Builder clients(int clients) {
            this.clients = clients;
            return this;
        }

        /** Starts submission i no earlier than i / rate seconds after the start (default: as fast as the clients go). */
        public Builder ratePerSecond(double ratePerSecond) {
            this.ratePerSecond = ratePerSecond;
            return this;
        }

        /**
         * On a refused connection, try the next hub, and when every hub refused wait a moment and try again, for up
         * to {@code patience} per submission (default: record it as {@link Outcome#REFUSED} at once).
         */
        public Builder failover(Duration patience) {
            this.failoverPatience = patience;
            return this;
        }

        /** Generates the submissions and starts the clients; returns at once. */
        public SubmissionLoad start() {
            if (hubs.isEmpty()) {
                throw new IllegalStateException("no hub to send to");
            }
            return new SubmissionLoad(this).start();
        }
    }
}
