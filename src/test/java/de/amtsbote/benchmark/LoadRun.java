package de.amtsbote.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One phase (warm-up or measured): post n submissions from K workers, then poll until each is DELIVERED,
 * DEAD_LETTER, or the timeout. Polling starts only after posting so it does not compete with the intake.
 */
final class LoadRun {

    private static final Duration ROUND_PAUSE = Duration.ofMillis(500);
    private static final long PROGRESS_SECONDS = 5;
    private static final int ERROR_SAMPLES = 5;
    private static final int BODY_EXCERPT = 300;

    private final String label;
    private final int n;
    private final int clients;
    private final HubClient hub;
    private final Template template;
    private final BooleanSupplier hubAlive;

    /** Per submission index; -1 / null where it was not accepted or not delivered. */
    final long[] acceptNanos;
    final String[] trackingIds;
    final long[] endToEndNanos;

    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    private final List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger delivered = new AtomicInteger(-1); // -1: polling has not started
    private final AtomicInteger deadLettered = new AtomicInteger();
    private final AtomicInteger pollErrors = new AtomicInteger();
    private volatile String firstPollError;

    private long postingNanos;
    private Instant firstAccepted;
    private Instant lastDelivered;

    LoadRun(String label, int n, int clients, HubClient hub, Template template, BooleanSupplier hubAlive) {
        this.label = label;
        this.n = n;
        this.clients = clients;
        this.hub = hub;
        this.template = template;
        this.hubAlive = hubAlive;
        this.acceptNanos = new long[n];
        this.trackingIds = new String[n];
        this.endToEndNanos = new long[n];
        Arrays.fill(acceptNanos, -1);
        Arrays.fill(endToEndNanos, -1);
    }

    LoadRun execute(ExecutorService pool, Duration deliveryTimeout) throws InterruptedException {
        long started = System.nanoTime();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(HubBenchmark.daemon("progress"));
        ticker.scheduleAtFixedRate(() -> progress(started), PROGRESS_SECONDS, PROGRESS_SECONDS, TimeUnit.SECONDS);
        try {
            post(pool);
            awaitDelivery(pool, deliveryTimeout);
        } finally {
            ticker.shutdownNow();
        }
        progress(started);
        if (errors.get() > 0) {
            System.out.printf("%s: %d submissions not accepted; first answers:%n", label, errors.get());
            errorSamples.forEach(e -> System.out.println("  " + e));
        }
        if (notDelivered() > 0) {
            System.out.printf("%s: %d accepted but not delivered (%d in DEAD_LETTER, the rest not final in time)%n",
                    label, notDelivered(), deadLettered.get());
        }
        if (pollErrors.get() > 0) {
            System.out.printf("%s: %d status polls failed; first: %s%n", label, pollErrors.get(), firstPollError);
        }
        return this;
    }

    int errors() {
        return errors.get();
    }

    int accepted() {
        return accepted.get();
    }

    int delivered() {
        return Math.max(0, delivered.get());
    }

    int notDelivered() {
        return accepted() - delivered();
    }

    Duration postingTime() {
        return Duration.ofNanos(postingNanos);
    }

    /** From the earliest first-history entry to the latest DELIVERED entry, both by the hub's clock; null if none. */
    synchronized Duration deliverySpan() {
        return lastDelivered == null ? null : Duration.between(firstAccepted, lastDelivered);
    }

    private void post(ExecutorService pool) throws InterruptedException {
        long t0 = System.nanoTime();
        forEachParallel(pool, n, this::submit);
        postingNanos = System.nanoTime() - t0;
    }

    private void submit(int i) throws InterruptedException {
        String body = template.next(); // outside the timed span: latency is request start to 202 received
        long t0 = System.nanoTime();
        try {
            HubClient.Reply reply = hub.submit(body);
            long latency = System.nanoTime() - t0;
            String trackingId = reply.status() == 202 ? HubClient.trackingId(reply.body()) : null;
            if (trackingId == null) {
                error("HTTP " + reply.status() + ": " + excerpt(reply.body()));
                return;
            }
            acceptNanos[i] = latency;
            trackingIds[i] = trackingId;
            accepted.incrementAndGet();
        } catch (IOException e) {
            error(e.toString());
        }
    }

    /**
     * Polls the not-yet-final submissions in rounds, oldest first. The polls cost the hub CPU that delivery needs,
     * so a round stops at the first batch of K in which nothing has settled (the newer ones are queued behind it);
     * once the timeout is reached, one full sweep makes the "not delivered" count exact.
     */
    private void awaitDelivery(ExecutorService pool, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (trackingIds[i] != null) {
                pending.add(i);
            }
        }
        delivered.set(0);
        while (!pending.isEmpty() && System.nanoTime() < deadline && hubAlive.getAsBoolean()) {
            pending = pollRound(pool, pending, true);
            if (!pending.isEmpty()) {
                Thread.sleep(ROUND_PAUSE.toMillis());
            }
        }
        if (!hubAlive.getAsBoolean()) {
            System.out.println(label + ": the hub process has exited");
        } else if (!pending.isEmpty()) {
            pollRound(pool, pending, false);
        }
    }

    /** @return the submissions still not final, in their original order */
    private List<Integer> pollRound(ExecutorService pool, List<Integer> pending, boolean stopAtFrontier)
            throws InterruptedException {
        List<Integer> stillPending = new ArrayList<>();
        for (int from = 0; from < pending.size(); from += clients) {
            List<Integer> batch = pending.subList(from, Math.min(from + clients, pending.size()));
            boolean[] settled = new boolean[batch.size()];
            forEachParallel(pool, batch.size(), j -> settled[j] = poll(batch.get(j)));
            boolean anySettled = false;
            for (int j = 0; j < settled.length; j++) {
                anySettled |= settled[j];
                if (!settled[j]) {
                    stillPending.add(batch.get(j));
                }
            }
            if (stopAtFrontier && !anySettled) {
                stillPending.addAll(pending.subList(from + batch.size(), pending.size()));
                break;
            }
        }
        return stillPending;
    }

    /** @return true once the submission is final: DELIVERED, or DEAD_LETTER (counted as not delivered) */
    private boolean poll(int i) throws InterruptedException {
        try {
            HubClient.Status status = hub.status(trackingIds[i]);
            switch (status.status()) {
                case "DELIVERED" -> {
                    endToEndNanos[i] = Duration.between(status.firstAt(), status.deliveredAt()).toNanos();
                    span(status.firstAt(), status.deliveredAt());
                    delivered.incrementAndGet();
                    return true;
                }
                case "DEAD_LETTER" -> {
                    deadLettered.incrementAndGet();
                    return true;
                }
                default -> {
                    return false; // ACCEPTED, QUEUED, or FAILED with a retry still to come
                }
            }
        } catch (IOException e) {
            if (pollErrors.getAndIncrement() == 0) {
                firstPollError = e.toString();
            }
            return false;
        }
    }

    private synchronized void span(Instant first, Instant deliveredAt) {
        if (firstAccepted == null || first.isBefore(firstAccepted)) {
            firstAccepted = first;
        }
        if (lastDelivered == null || deliveredAt.isAfter(lastDelivered)) {
            lastDelivered = deliveredAt;
        }
    }

    private void error(String description) {
        if (errors.getAndIncrement() < ERROR_SAMPLES) {
            errorSamples.add(description);
        }
    }

    private void progress(long startedNanos) {
        int d = delivered.get();
        System.out.printf("[%s %4d s] accepted %d/%d, delivered %s/%d%n", label,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos),
                accepted.get(), n, d < 0 ? "-" : Integer.toString(d), n);
    }

    /** K workers pull the next index from a shared counter, so exactly K requests are in flight until the end. */
    private void forEachParallel(ExecutorService pool, int count, IndexTask task) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        Callable<Void> worker = () -> {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                task.run(i);
            }
            return null;
        };
        for (Future<Void> f : pool.invokeAll(Collections.nCopies(clients, worker))) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(label + ": worker failed: " + e.getCause(), e.getCause());
            }
        }
    }

    private interface IndexTask {
        void run(int index) throws InterruptedException;
    }

    private static String excerpt(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return flat.length() <= BODY_EXCERPT ? flat : flat.substring(0, BODY_EXCERPT) + "…";
    }

    /**
     * The sample split around its nachrichtenUUID and its case reference, so each submission is a new message of a
     * new case (as from many citizens) without parsing XML.
     */
    record Template(List<String> parts) {

        private static final Pattern FRESH_ID = Pattern.compile(
                "(<(?:[\\w.-]+:)?(?:nachrichtenUUID|referenzAntragsservice)>)[^<]*(</(?:[\\w.-]+:)?(?:nachrichtenUUID|referenzAntragsservice)>)");

        static Template load(Path sample) throws IOException {
            if (!Files.isRegularFile(sample)) {
                throw new IllegalArgumentException("sample not found: " + sample.toAbsolutePath() + " (set bench.sample)");
            }
            String xml = Files.readString(sample);
            List<String> parts = new ArrayList<>();
            Matcher m = FRESH_ID.matcher(xml);
            int from = 0;
            while (m.find()) {
                parts.add(xml.substring(from, m.end(1)));
                from = m.start(2);
            }
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("no <nachrichtenUUID> element in " + sample);
            }
            parts.add(xml.substring(from));
            return new Template(List.copyOf(parts));
        }

        int sizeInBytes() {
            return next().getBytes(StandardCharsets.UTF_8).length;
        }

        String next() {
            StringBuilder xml = new StringBuilder(parts.get(0));
            for (String part : parts.subList(1, parts.size())) {
                xml.append(UUID.randomUUID()).append(part);
            }
            return xml.toString();
        }
    }
}
