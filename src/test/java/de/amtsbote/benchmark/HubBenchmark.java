package de.amtsbote.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load benchmark of the packaged hub, run as a separate process with its default settings. Not a test:
 * run it with {@code mvn -B -Pbenchmark -DskipTests verify -Dbench.submissions=5000 -Dbench.clients=16}.
 *
 * <p>Starts the hub, warms it up, posts N submissions from K concurrent clients, waits until all are delivered,
 * prints the figures and writes them to {@code target/benchmark/result-<timestamp>.json}.
 * Exit code 0: all accepted and delivered; 1: some were not; 2: the benchmark itself could not run.
 */
public final class HubBenchmark {

    private static final Path WORK_DIR = Path.of("target", "benchmark");
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration HEAP_SAMPLE_EVERY = Duration.ofMillis(200);

    private HubBenchmark() {
    }

    public static void main(String[] args) {
        int exitCode;
        try {
            exitCode = run(Settings.fromSystemProperties());
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("benchmark aborted: " + e.getMessage());
            exitCode = 2;
        } catch (Exception e) {
            e.printStackTrace();
            exitCode = 2;
        }
        System.exit(exitCode);
    }

    private static int run(Settings settings) throws Exception {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String startedAt = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
        LoadRun.Template template = LoadRun.Template.load(settings.sample());
        Files.createDirectories(WORK_DIR);
        System.out.println("benchmark settings: " + settings);

        ExecutorService clients = Executors.newFixedThreadPool(settings.clients(), daemon("client"));
        try (HubProcess hub = HubProcess.start(settings.jar(), settings.heap(), WORK_DIR, stamp)) {
            System.out.println("hub starting on " + hub.baseUri() + ", log: " + hub.log());
            Duration startup = hub.awaitReady(new HubClient(hub.baseUri()), STARTUP_TIMEOUT);
            System.out.println("hub ready after " + startup.toMillis() + " ms");

            // A cold JVM is several times slower for its first minute; figures only count after this.
            if (settings.warmup() > 0) {
                LoadRun warmup = phase("warm-up", settings.warmup(), settings, hub, template).execute(clients, settings.timeout());
                if (warmup.errors() > 0 || warmup.notDelivered() > 0) {
                    throw new IllegalStateException("warm-up failed (" + warmup.errors() + " not accepted, "
                            + warmup.notDelivered() + " not delivered); see " + hub.log());
                }
            }

            HubClient probe = new HubClient(hub.baseUri());
            AtomicLong peakHeap = new AtomicLong(-1);
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(daemon("heap-sampler"));
            sampler.scheduleWithFixedDelay(() -> sampleHeap(probe, peakHeap),
                    0, HEAP_SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            LoadRun measured;
            try {
                measured = phase("measured", settings.submissions(), settings, hub, template).execute(clients, settings.timeout());
            } finally {
                sampler.shutdownNow();
            }

            Result result = Result.of(startedAt, settings, startup, measured, peakHeap.get(), hub.log());
            Path json = WORK_DIR.resolve("result-" + stamp + ".json");
            result.writeJson(json);
            System.out.println(result.table());
            System.out.println("written to " + json);
            return result.passed() ? 0 : 1;
        } finally {
            clients.shutdownNow();
        }
    }

    /** A fresh HTTP client per phase, so the measured run does not reuse connections left idle during the warm-up. */
    private static LoadRun phase(String label, int n, Settings settings, HubProcess hub, LoadRun.Template template) {
        return new LoadRun(label, n, settings.clients(), new HubClient(hub.baseUri()), template, hub::isAlive);
    }

    private static void sampleHeap(HubClient probe, AtomicLong peak) {
        try {
            probe.heapUsedBytes().ifPresent(bytes -> peak.accumulateAndGet(bytes, Math::max));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Daemon threads, so a failure on the main thread can never leave the JVM (and with it the hub) hanging. */
    static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The {@code bench.*} system properties; an empty value (as the Maven profile passes by default) means the default. */
    record Settings(int submissions, int clients, int warmup, String heap, Path sample, Duration timeout, Path jar) {

        static Settings fromSystemProperties() {
            Settings settings = new Settings(
                    Integer.parseInt(property("bench.submissions", "2000")),
                    Integer.parseInt(property("bench.clients", "16")),
                    Integer.parseInt(property("bench.warmup", "500")),
                    property("bench.heap", null),
                    Path.of(property("bench.sample", "src/test/resources/samples/xbau-2.6/baugenehmigung-antrag-0200-10kb.xml")),
                    Duration.ofSeconds(Long.parseLong(property("bench.timeout", "300"))),
                    Path.of(property("bench.jar", "target/amtsbote.jar")));
            if (settings.submissions < 1 || settings.clients < 1 || settings.warmup < 0) {
                throw new IllegalArgumentException("need bench.submissions >= 1, bench.clients >= 1, bench.warmup >= 0: " + settings);
            }
            return settings;
        }

        private static String property(String name, String defaultValue) {
            String value = System.getProperty(name);
            return value == null || value.isBlank() ? defaultValue : value.strip();
        }
    }
}
