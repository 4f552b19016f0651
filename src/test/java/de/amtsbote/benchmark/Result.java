package de.amtsbote.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/** The figures of one benchmark run, printed as a table and written as JSON. Null means "not measured". */
record Result(
        String startedAt,
        int cores,
        String os,
        String hubMaxHeap,
        String sample,
        int submissions,
        int clients,
        int warmup,
        long startupMs,
        double acceptedPerSec,
        Double deliveredPerSec,
        Double acceptP50Ms,
        Double acceptP95Ms,
        Double acceptP99Ms,
        Double acceptMaxMs,
        Double endToEndP50Ms,
        Double endToEndP99Ms,
        Long peakHeapMb,
        int errors,
        int notDelivered,
        String hubLog) {

    static Result of(String startedAt, HubBenchmark.Settings settings, Duration startup, LoadRun run, long peakHeapBytes, Path hubLog) {
        long[] accept = measured(run.acceptNanos);
        long[] endToEnd = measured(run.endToEndNanos);
        Duration span = run.deliverySpan();
        return new Result(
                startedAt,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + "/" + System.getProperty("os.arch"),
                settings.heap() == null ? "JVM default" : settings.heap(),
                settings.sample().toString(),
                settings.submissions(),
                settings.clients(),
                settings.warmup(),
                startup.toMillis(),
                perSecond(run.accepted(), run.postingTime()),
                // delivered count rather than N: with losses the run fails anyway, and the rate stays truthful
                span == null ? null : perSecond(run.delivered(), span),
                percentileMs(accept, 50),
                percentileMs(accept, 95),
                percentileMs(accept, 99),
                percentileMs(accept, 100),
                percentileMs(endToEnd, 50),
                percentileMs(endToEnd, 99),
                peakHeapBytes < 0 ? null : peakHeapBytes / (1024 * 1024),
                run.errors(),
                run.notDelivered(),
                hubLog.toString());
    }

    boolean passed() {
        return errors == 0 && notDelivered == 0;
    }

    String table() {
        String rows = String.join("\n",
                row("machine", cores + " cores, " + os + ", hub heap " + hubMaxHeap),
                row("sample", sample),
                row("submissions (N)", submissions + " (after " + warmup + " warm-up, not counted)"),
                row("clients (K)", Integer.toString(clients)),
                row("startup to ready", startupMs + " ms"),
                row("accepted/s", fixed(acceptedPerSec)),
                row("delivered/s", fixed(deliveredPerSec)),
                row("accept latency", "p50 " + ms(acceptP50Ms) + "  p95 " + ms(acceptP95Ms)
                        + "  p99 " + ms(acceptP99Ms) + "  max " + ms(acceptMaxMs)),
                row("end-to-end latency", "p50 " + ms(endToEndP50Ms) + "  p99 " + ms(endToEndP99Ms)),
                row("peak heap", peakHeapMb == null ? "n/a" : peakHeapMb + " MB"),
                row("errors", Integer.toString(errors)),
                row("not delivered", Integer.toString(notDelivered)),
                row("hub log", hubLog));
        String rule = "-".repeat(72);
        return rule + "\nAmtsbote hub benchmark, " + startedAt + "\n" + rule + "\n" + rows + "\n" + rule;
    }

    void writeJson(Path file) throws IOException {
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
    }

    /** Nearest-rank percentile of the recorded values, in milliseconds; null if nothing was recorded. */
    static Double percentileMs(long[] sortedNanos, double percentile) {
        if (sortedNanos.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(percentile / 100 * sortedNanos.length);
        return sortedNanos[Math.max(0, rank - 1)] / 1e6;
    }

    /** The recorded values (the arrays hold -1 for submissions that were not accepted/delivered), sorted. */
    private static long[] measured(long[] nanos) {
        return Arrays.stream(nanos).filter(v -> v >= 0).sorted().toArray();
    }

    private static double perSecond(int count, Duration time) {
        return time.isZero() ? 0 : count / (time.toNanos() / 1e9);
    }

    private static String row(String name, String value) {
        return String.format("%-20s %s", name, value);
    }

    private static String fixed(Double value) {
        return value == null ? "n/a" : String.format("%.1f", value);
    }

    private static String ms(Double value) {
        return value == null ? "n/a" : String.format("%.1f ms", value);
    }
}
