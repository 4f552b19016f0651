package de.amtsbote.benchmark;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The lightest request the hub answers, its liveness probe (Tomcat, the security filter chain, Actuator), from K
 * clients back to back: what HTTP alone costs the hub on this machine. Every submission costs it two requests
 * answered (the portal's and, in the demo specialist system, the SOAP call) and one made, so twice this is a floor
 * under the CPU per submission that no change to the hub's own work gets below.
 */
final class RequestFloor {

    private static final Duration WARM_UP = Duration.ofSeconds(10);

    /**
     * Requests per second in the window and the hub's CPU per request, with what its JIT compilers took of that
     * (still at work on the rest of the hub after a short run); empty where the OS does not tell.
     */
    record Outcome(double perSecond, Optional<HubProcess.CpuPerUnit> cpuPerRequest, int errors) {
    }

    private RequestFloor() {
    }

    static Outcome measure(HubProcess hub, int clients, Duration window) throws InterruptedException {
        HubClient client = new HubClient(hub.baseUri());
        load(client, clients, WARM_UP, hub);
        HubProcess.CpuMeter cpu = hub.cpuMeter();
        long started = System.nanoTime();
        Counts counts = load(client, clients, window, hub);
        double seconds = (System.nanoTime() - started) / 1e9;
        int answered = counts.answered.get();
        return new Outcome(answered / seconds, cpu.per(answered), counts.errors.get());
    }

    private record Counts(AtomicInteger answered, AtomicInteger errors) {
    }

    private static Counts load(HubClient client, int clients, Duration duration, HubProcess hub)
            throws InterruptedException {
        Counts counts = new Counts(new AtomicInteger(), new AtomicInteger());
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients, HubBenchmark.daemon("floor"));
        for (int i = 0; i < clients; i++) {
            pool.execute(() -> {
                while (System.nanoTime() < end && hub.isAlive()) {
                    try {
                        (client.liveness() == 200 ? counts.answered : counts.errors).incrementAndGet();
                    } catch (IOException e) {
                        counts.errors.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
        return counts;
    }
}
