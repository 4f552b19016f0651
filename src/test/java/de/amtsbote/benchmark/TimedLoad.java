package de.amtsbote.benchmark;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Load for a fixed time, counted by the hub's own delivery counter rather than by polling each submission (the
 * polls would cost the hub what it needs for delivery):
 * <ul>
 *   <li>sustained: K clients post back to back (closed loop); the backlog (accepted minus delivered) is sampled
 *       every few seconds to show whether delivery keeps up;</li>
 *   <li>fixed rate: submissions start on a schedule of R per second whatever the hub answers (open loop), and each
 *       latency counts from its scheduled start, so a stalled hub cannot hide its queueing delay.</li>
 * </ul>
 */
final class TimedLoad {

    private static final String DELIVERED = "amtsbote.delivery.delivered";
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(5);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);
    private static final int RATE_THREADS = 256;

    /** The figures of one timed run; the backlog samples are one per {@link #SAMPLE_EVERY}. */
    record Outcome(int accepted, int errors, Duration window, long deliveredInWindow, Duration drained,
                   long[] sortedLatencyNanos, List<Long> backlog, String firstError) {

        double acceptedPerSec() {
            return accepted / seconds(window);
        }

        double deliveredPerSec() {
            return deliveredInWindow / seconds(window);
        }

        /** The backlog of the last third of the run against that of the first third, in seconds of throughput. */
        double backlogGrowthSeconds() {
            if (backlog.size() < 3) {
                return 0;
            }
            int third = backlog.size() / 3;
            double early = backlog.subList(0, third).stream().mapToLong(Long::longValue).average().orElse(0);
            double late = backlog.subList(backlog.size() - third, backlog.size()).stream().mapToLong(Long::longValue).average().orElse(0);
            double rate = Math.max(1, deliveredPerSec());
            return (late - early) / rate;
        }
    }

    private final String label;
    private final HubClient hub;
    private final LoadRun.Template template;
    private final BooleanSupplier hubAlive;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    private volatile String firstError;
    private final Latencies latencies = new Latencies();

    TimedLoad(String label, HubClient hub, LoadRun.Template template, BooleanSupplier hubAlive) {
        this.label = label;
        this.hub = hub;
        this.template = template;
        this.hubAlive = hubAlive;
    }

    Outcome sustained(int clients, Duration duration) throws InterruptedException {
        long deliveredBefore = delivered();
        long started = System.nanoTime();
        long end = started + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients, HubBenchmark.daemon(label));
        for (int i = 0; i < clients; i++) {
            pool.execute(() -> {
                while (System.nanoTime() < end && hubAlive.getAsBoolean()) {
                    submit(System.nanoTime());
                }
            });
        }
        return finish(pool, started, end, deliveredBefore);
    }

    Outcome fixedRate(double perSecond, Duration duration) throws InterruptedException {
        long deliveredBefore = delivered();
        ExecutorService pool = Executors.newFixedThreadPool(RATE_THREADS, HubBenchmark.daemon(label));
        long started = System.nanoTime();
        long end = started + duration.toNanos();
        long intervalNanos = (long) (1e9 / perSecond);
        Thread scheduler = new Thread(() -> {
            for (long due = started; due < end && hubAlive.getAsBoolean(); due += intervalNanos) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long scheduled = due;
                pool.execute(() -> submit(scheduled));
            }
        }, label + "-schedule");
        scheduler.setDaemon(true);
        scheduler.start();
        return finish(pool, started, end, deliveredBefore);
    }

    private Outcome finish(ExecutorService pool, long started, long end, long deliveredBefore) throws InterruptedException {
        List<Long> backlog = new ArrayList<>();
        long nextSample = started + SAMPLE_EVERY.toNanos();
        while (System.nanoTime() < end && hubAlive.getAsBoolean()) {
            TimeUnit.NANOSECONDS.sleep(Math.max(0, Math.min(end, nextSample) - System.nanoTime()));
            if (System.nanoTime() >= nextSample) {
                long inFlight = accepted.get() - (delivered() - deliveredBefore);
                backlog.add(inFlight);
                System.out.printf("[%s %4d s] accepted %d, delivered %d, backlog %d, errors %d%n", label,
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), accepted.get(),
                        accepted.get() - inFlight, inFlight, errors.get());
                nextSample += SAMPLE_EVERY.toNanos();
            }
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        Duration window = Duration.ofNanos(System.nanoTime() - started);
        long deliveredInWindow = delivered() - deliveredBefore;
        long drainStarted = System.nanoTime();
        long drainDeadline = drainStarted + DRAIN_TIMEOUT.toNanos();
        while (delivered() - deliveredBefore < accepted.get() && System.nanoTime() < drainDeadline && hubAlive.getAsBoolean()) {
            Thread.sleep(200);
        }
        Duration drained = delivered() - deliveredBefore >= accepted.get() ? Duration.ofNanos(System.nanoTime() - drainStarted) : null;
        return new Outcome(accepted.get(), errors.get(), window, deliveredInWindow, drained, latencies.sorted(),
                List.copyOf(backlog), firstError);
    }

    private void submit(long startedNanos) {
        String body = template.next();
        try {
            HubClient.Reply reply = hub.submit(body);
            long latency = System.nanoTime() - startedNanos;
            if (reply.status() == 202) {
                latencies.add(latency);
                accepted.incrementAndGet();
            } else {
                error("HTTP " + reply.status() + ": " + reply.body());
            }
        } catch (IOException e) {
            error(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void error(String description) {
        if (errors.getAndIncrement() == 0) {
            firstError = description;
        }
    }

    private long delivered() throws InterruptedException {
        for (int attempt = 0; attempt < 3; attempt++) {
            var count = hub.counter(DELIVERED);
            if (count.isPresent()) {
                return count.getAsLong();
            }
        }
        throw new IllegalStateException("the hub's " + DELIVERED + " counter is not readable");
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /** A growing array of latencies (a 10-minute run at 1,500/s holds 900,000: 7 MB). */
    private static final class Latencies {
        private long[] values = new long[1 << 16];
        private int size;

        synchronized void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = nanos;
        }

        synchronized long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }
}
