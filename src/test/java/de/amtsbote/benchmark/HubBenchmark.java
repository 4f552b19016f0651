package de.amtsbote.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load benchmark of the packaged hub, run as a separate process with its default settings. Not a test: run it with
 * {@code mvn -B -Pbenchmark -DskipTests verify -Dbench.mode=<mode>} (see the README, "Benchmark"). Modes:
 * <ul>
 *   <li>{@code burst} (default): N submissions from K concurrent clients, each polled until DELIVERED;</li>
 *   <li>{@code sustained}: K clients back to back for {@code bench.duration}, the backlog sampled throughout;</li>
 *   <li>{@code rate}: {@code bench.rate} submissions per second for {@code bench.duration}, latency from each
 *       submission's scheduled start;</li>
 *   <li>{@code large}: one submission of {@code bench.large-mb} MB (XML and one document) at {@code -Xmx256m}, to a
 *       file drop or ({@code bench.large-to=soap}) as MTOM to the demo building authority.</li>
 * </ul>
 * Before the hub starts, burst and sustained measure what Artemis alone carries in the hub's shape
 * ({@link BrokerBaseline}) and report the hub's share of it; after their run, the lightest request the hub answers
 * ({@link RequestFloor}). Figures go to stdout, to
 * {@code target/benchmark/result-<timestamp>.json} and, one line per run, to {@code target/benchmark/results-<mode>.csv}.
 * Exit code 0: all accepted and delivered; 1: some were not; 2: the benchmark itself could not run.
 */
public final class HubBenchmark {

    private static final Path WORK_DIR = Path.of("target", "benchmark");
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration HEAP_SAMPLE_EVERY = Duration.ofMillis(200);
    private static final Duration IDLE_SETTLE = Duration.ofSeconds(5);
    /** The hub's own journal flush timer (amtsbote.delivery.journal-buffer-timeout), for the broker baseline. */
    private static final Duration HUB_JOURNAL_BUFFER_TIMEOUT = Duration.ofNanos(100_000);
    /** The consumers of the demo destination (routes/ebauantrag/connector.yaml), for the broker baseline. */
    private static final int HUB_CONSUMERS = 4;
    /** The request floor's window: after the run, so it measures the hub as the submissions left it. */
    private static final Duration FLOOR_WINDOW = Duration.ofSeconds(20);

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
        Files.createDirectories(WORK_DIR);
        System.out.println("benchmark settings: " + settings);
        LoadRun.Template template = LoadRun.Template.load(settings.sample());
        Report report = new Report("Amtsbote hub benchmark (" + settings.mode() + "), "
                + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS))
                .add("mode", "mode", settings.mode().name().toLowerCase(Locale.ROOT))
                .add("machine", "machine", Runtime.getRuntime().availableProcessors() + " cores, "
                        + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ", Java "
                        + System.getProperty("java.version"))
                .add("hubHeap", "hub heap", settings.hubHeap())
                .add("layout", "hub layout", settings.layout().description());

        Double brokerRate = null;
        if (settings.baseline() && settings.mode().measuresThroughput()) {
            int messages = settings.baselineMessages();
            System.out.printf("broker baseline: %d persistent messages of %d bytes, %d producers, %d consumers%n",
                    messages, template.sizeInBytes(), settings.clients(), HUB_CONSUMERS);
            brokerRate = BrokerBaseline.measure(WORK_DIR.resolve("broker-" + stamp), messages, settings.clients(),
                    HUB_CONSUMERS, template.sizeInBytes(), HUB_JOURNAL_BUFFER_TIMEOUT);
            System.out.printf("broker baseline: %.0f messages/s%n", brokerRate);
        }
        report.add("brokerPerSec", "raw broker (hub's shape)/s", brokerRate);

        LargeSubmission large = new LargeSubmission(WORK_DIR.resolve("large-" + stamp), settings.largeTo());
        Map<String, String> properties = settings.mode() == Mode.LARGE ? large.hubProperties() : Map.of();
        try (HubProcess hub = HubProcess.start(settings.jar(), settings.layout(), settings.heap(), settings.hubOptions(),
                WORK_DIR, stamp, properties)) {
            System.out.println("hub starting on " + hub.baseUri() + ", log: " + hub.log());
            Duration startup = hub.awaitReady(new HubClient(hub.baseUri()), STARTUP_TIMEOUT);
            System.out.println("hub ready after " + startup.toMillis() + " ms");
            Thread.sleep(IDLE_SETTLE.toMillis());
            report.add("startupMs", "startup to ready", startup.toMillis(), "ms")
                    .add("idleRssMb", "idle RSS", megabytes(hub.residentBytes()), "MB");
            boolean passed = switch (settings.mode()) {
                case BURST -> burst(settings, hub, template, report);
                case SUSTAINED, RATE -> timed(settings, hub, template, report);
                case LARGE -> large(settings, hub, large, report);
            };
            if (passed && settings.floor() && settings.mode().measuresThroughput()) {
                floor(settings, hub, report);
            }
            report.add("shareOfBroker", "share of the raw broker", brokerRate == null || report.throughput() == null
                    ? null : 100 * report.throughput() / brokerRate, "%");
            report.add("hubLog", "hub log", hub.log().toString());
            Path json = WORK_DIR.resolve("result-" + stamp + ".json");
            report.writeJson(json);
            report.appendCsv(WORK_DIR.resolve("results-" + settings.mode().name().toLowerCase(Locale.ROOT) + ".csv"));
            System.out.println(report.table());
            System.out.println("written to " + json);
            return passed ? 0 : 1;
        }
    }

    private static boolean burst(Settings settings, HubProcess hub, LoadRun.Template template, Report report)
            throws InterruptedException {
        ExecutorService clients = Executors.newFixedThreadPool(settings.clients(), daemon("client"));
        try {
            warmUp(settings, hub, template, clients);
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
            Duration span = measured.deliverySpan();
            report.add("submissions", "submissions (N)", settings.submissions())
                    .add("clients", "clients (K)", settings.clients())
                    .add("acceptedPerSec", "accepted/s", perSecond(measured.accepted(), measured.postingTime()))
                    .throughput("deliveredPerSec", "delivered/s", span == null ? null : perSecond(measured.delivered(), span))
                    .latencies("accept", "accept latency", sorted(measured.acceptNanos))
                    .latencies("endToEnd", "end-to-end latency", sorted(measured.endToEndNanos))
                    .add("peakHeapMb", "peak heap", peakHeap.get() < 0 ? null : peakHeap.get() >> 20, "MB")
                    .add("errors", "not accepted", measured.errors())
                    .add("notDelivered", "not delivered", measured.notDelivered());
            return measured.errors() == 0 && measured.notDelivered() == 0;
        } finally {
            clients.shutdownNow();
        }
    }

    private static boolean timed(Settings settings, HubProcess hub, LoadRun.Template template, Report report)
            throws InterruptedException {
        ExecutorService clients = Executors.newFixedThreadPool(settings.clients(), daemon("client"));
        try {
            warmUp(settings, hub, template, clients);
        } finally {
            clients.shutdownNow();
        }
        TimedLoad load = new TimedLoad(settings.mode().name().toLowerCase(Locale.ROOT), new HubClient(hub.baseUri()),
                template, hub::isAlive);
        HubProcess.CpuMeter cpu = hub.cpuMeter();
        TimedLoad.Outcome outcome = settings.mode() == Mode.RATE
                ? load.fixedRate(settings.rate(), settings.duration())
                : load.sustained(settings.clients(), settings.duration());
        // window and drain: the hub's work for every submission accepted in the window, from intake to delivery
        Optional<HubProcess.CpuPerUnit> perSubmission = outcome.drained() == null ? Optional.empty()
                : cpu.per(outcome.accepted());
        report.add("durationS", "duration", settings.duration().toSeconds(), "s");
        if (settings.mode() == Mode.RATE) {
            report.add("offeredPerSec", "offered/s", (double) settings.rate());
        } else {
            report.add("clients", "clients (K)", settings.clients());
        }
        report.add("acceptedPerSec", "accepted/s", outcome.acceptedPerSec())
                .throughput("deliveredPerSec", "delivered/s (in the window)", outcome.deliveredPerSec())
                .latencies("accept", "accept latency", outcome.sortedLatencyNanos())
                .add("hubCpuPerSubmissionMs", "hub CPU per submission (intake to delivery)",
                        perSubmission.map(HubProcess.CpuPerUnit::ms).orElse(null), "ms")
                .add("jitCpuPerSubmissionMs", "  of which the JIT compilers",
                        perSubmission.map(HubProcess.CpuPerUnit::jitMs).orElse(null), "ms")
                .add("gcCpuPerSubmissionMs", "  of which the garbage collector",
                        perSubmission.map(HubProcess.CpuPerUnit::gcMs).orElse(null), "ms")
                .add("backlogMax", "backlog max", outcome.backlog().stream().mapToLong(Long::longValue).max().orElse(0))
                .add("backlogGrowthS", "backlog growth (last-first third)", outcome.backlogGrowthSeconds(), "s of delivery")
                .add("drainS", "drained after the window", outcome.drained() == null ? null : outcome.drained().toMillis() / 1e3, "s")
                .add("errors", "not accepted", outcome.errors())
                .add("firstError", "first refusal", outcome.firstError());
        return outcome.errors() == 0 && outcome.drained() != null;
    }

    private static boolean large(Settings settings, HubProcess hub, LargeSubmission large, Report report)
            throws IOException, InterruptedException {
        LargeSubmission.Outcome outcome = large.run(hub, settings.largeMegabytes() * 1_000_000L);
        report.add("largeTo", "delivered to", settings.largeTo() == LargeSubmission.Target.SOAP
                        ? "SOAP with MTOM (demo building authority)" : "file drop")
                .add("largeMb", "submission size", settings.largeMegabytes(), "MB")
                .add("largeAcceptMs", "accepted after", outcome.accepted().toMillis(), "ms")
                .add("largeAcceptMBps", "intake rate", outcome.acceptMegabytesPerSec(), "MB/s")
                .add("largeDeliveredMs", "delivered after", outcome.delivered().toMillis(), "ms")
                .add("largeDeliveredMBps", "end-to-end rate", outcome.deliverMegabytesPerSec(), "MB/s")
                .add("peakHeapMb", "peak heap", outcome.peakHeapBytes() < 0 ? null : outcome.peakHeapBytes() >> 20, "MB")
                .add("peakRssMb", "peak RSS", outcome.peakRssBytes() < 0 ? null : outcome.peakRssBytes() >> 20, "MB");
        return true;
    }

    private static void floor(Settings settings, HubProcess hub, Report report) throws InterruptedException {
        System.out.printf("request floor: the liveness probe from %d clients for %d s%n", settings.clients(),
                FLOOR_WINDOW.toSeconds());
        RequestFloor.Outcome floor = RequestFloor.measure(hub, settings.clients(), FLOOR_WINDOW);
        report.add("floorPerSec", "lightest request (liveness probe)/s", floor.perSecond())
                .add("floorCpuPerRequestMs", "  hub CPU per such request",
                        floor.cpuPerRequest().map(HubProcess.CpuPerUnit::ms).orElse(null), "ms")
                .add("floorJitCpuPerRequestMs", "    of which the JIT compilers",
                        floor.cpuPerRequest().map(HubProcess.CpuPerUnit::jitMs).orElse(null), "ms")
                .add("floorErrors", "  not answered 200", floor.errors());
    }

    /** A cold JVM is several times slower for its first minute; figures only count after this. */
    private static void warmUp(Settings settings, HubProcess hub, LoadRun.Template template, ExecutorService clients)
            throws InterruptedException {
        if (settings.warmup() > 0) {
            LoadRun warmup = phase("warm-up", settings.warmup(), settings, hub, template).execute(clients, settings.timeout());
            if (warmup.errors() > 0 || warmup.notDelivered() > 0) {
                throw new IllegalStateException("warm-up failed (" + warmup.errors() + " not accepted, "
                        + warmup.notDelivered() + " not delivered); see " + hub.log());
            }
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

    private static Long megabytes(OptionalLong bytes) {
        return bytes.isPresent() ? bytes.getAsLong() >> 20 : null;
    }

    private static double perSecond(int count, Duration time) {
        return time.isZero() ? 0 : count / (time.toNanos() / 1e9);
    }

    /** The recorded values (the arrays hold -1 for submissions that were not accepted/delivered), sorted. */
    private static long[] sorted(long[] nanos) {
        return Arrays.stream(nanos).filter(v -> v >= 0).sorted().toArray();
    }

    enum Mode {
        BURST, SUSTAINED, RATE, LARGE;

        boolean measuresThroughput() {
            return this == BURST || this == SUSTAINED;
        }
    }

    /** The {@code bench.*} system properties; an empty value (as the Maven profile passes by default) means the default. */
    record Settings(Mode mode, int submissions, int clients, int warmup, String heap, Path sample, Duration timeout,
                    Path jar, Duration duration, int rate, int largeMegabytes, boolean baseline, int baselineMessages,
                    boolean floor, String hubOptions, LargeSubmission.Target largeTo, HubProcess.Layout layout) {

        static Settings fromSystemProperties() {
            Mode mode = Mode.valueOf(property("bench.mode", "burst").toUpperCase(Locale.ROOT));
            Settings settings = new Settings(mode,
                    Integer.parseInt(property("bench.submissions", "2000")),
                    Integer.parseInt(property("bench.clients", "16")),
                    Integer.parseInt(property("bench.warmup", mode == Mode.LARGE ? "0" : "2000")),
                    property("bench.heap", mode == Mode.LARGE ? "256m" : null),
                    Path.of(property("bench.sample", "src/test/resources/samples/xbau-2.6/baugenehmigung-antrag-0200-10kb.xml")),
                    Duration.ofSeconds(Long.parseLong(property("bench.timeout", "300"))),
                    Path.of(property("bench.jar", "target/amtsbote.jar")),
                    Duration.parse("PT" + property("bench.duration", mode == Mode.SUSTAINED ? "10m" : "60s").toUpperCase(Locale.ROOT)),
                    Integer.parseInt(property("bench.rate", "500")),
                    Integer.parseInt(property("bench.large-mb", "500")),
                    Boolean.parseBoolean(property("bench.baseline", "true")),
                    Integer.parseInt(property("bench.baseline-messages", "20000")),
                    Boolean.parseBoolean(property("bench.floor", "true")),
                    property("bench.hub-options", null),
                    LargeSubmission.Target.valueOf(property("bench.large-to", "file").toUpperCase(Locale.ROOT)),
                    HubProcess.Layout.valueOf(property("bench.layout", "extracted").toUpperCase(Locale.ROOT)));
            if (settings.submissions < 1 || settings.clients < 1 || settings.warmup < 0 || settings.rate < 1
                    || settings.largeMegabytes < 1 || settings.baselineMessages < 1) {
                throw new IllegalArgumentException("need bench.submissions, bench.clients, bench.rate, bench.large-mb and"
                        + " bench.baseline-messages >= 1, bench.warmup >= 0: " + settings);
            }
            return settings;
        }

        String hubHeap() {
            return heap == null ? "JVM default" : heap;
        }

        private static String property(String name, String defaultValue) {
            String value = System.getProperty(name);
            return value == null || value.isBlank() ? defaultValue : value.strip();
        }
    }
}
