package de.amtsbote.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures of one benchmark run in the order measured: printed as a table, written as JSON, and appended as a
 * line to the mode's CSV file so that runs can be compared over time. A figure that was not measured (null) is left
 * out of the table and the JSON, and an empty cell in the CSV, so that a mode's columns stay the same.
 */
final class Report {

    private record Figure(String key, String label, Object value, String unit) {

        String shown() {
            String text = value instanceof Double d ? String.format("%.1f", d) : String.valueOf(value);
            return unit.isEmpty() ? text : text + " " + unit;
        }
    }

    private final String title;
    private final List<Figure> figures = new ArrayList<>();
    private Double throughput;

    Report(String title) {
        this.title = title;
    }

    /** Adds a figure; null means not measured in this run. */
    Report add(String key, String label, Object value, String unit) {
        figures.add(new Figure(key, label, value, unit));
        return this;
    }

    /** The run's end-to-end throughput: the figure compared with the raw broker's. */
    Report throughput(String key, String label, Double perSecond) {
        throughput = perSecond;
        return add(key, label, perSecond);
    }

    Double throughput() {
        return throughput;
    }

    Report add(String key, String label, Object value) {
        return add(key, label, value, "");
    }

    /** Accept latency percentiles of the sorted nanosecond values, in milliseconds. */
    Report latencies(String key, String label, long[] sortedNanos) {
        return add(key + "P50Ms", label + " p50", percentileMs(sortedNanos, 50), "ms")
                .add(key + "P95Ms", label + " p95", percentileMs(sortedNanos, 95), "ms")
                .add(key + "P99Ms", label + " p99", percentileMs(sortedNanos, 99), "ms")
                .add(key + "MaxMs", label + " max", percentileMs(sortedNanos, 100), "ms");
    }

    String table() {
        String rule = "-".repeat(72);
        String rows = figures.stream().filter(f -> f.value() != null)
                .map(f -> String.format("%-28s %s", f.label(), f.shown()))
                .collect(Collectors.joining("\n"));
        return rule + "\n" + title + "\n" + rule + "\n" + rows + "\n" + rule;
    }

    void writeJson(Path file) throws IOException {
        Map<String, Object> values = new LinkedHashMap<>();
        figures.stream().filter(f -> f.value() != null).forEach(f -> values.put(f.key(), f.value()));
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), values);
    }

    /** One line per run; a file whose columns differ (another version of the benchmark) is started afresh. */
    void appendCsv(Path file) throws IOException {
        String header = figures.stream().map(Figure::key).collect(Collectors.joining(","));
        String line = figures.stream().map(f -> csv(f.value())).collect(Collectors.joining(","));
        boolean sameColumns = Files.isRegularFile(file) && Files.readAllLines(file).stream().findFirst()
                .map(header::equals).orElse(false);
        if (sameColumns) {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } else {
            Files.writeString(file, header + "\n" + line + "\n", StandardCharsets.UTF_8);
        }
    }

    /** Nearest-rank percentile in milliseconds; null if nothing was recorded. */
    static Double percentileMs(long[] sortedNanos, double percentile) {
        if (sortedNanos.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(percentile / 100 * sortedNanos.length);
        return sortedNanos[Math.max(0, rank - 1)] / 1e6;
    }

    private static String csv(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : String.valueOf(value);
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
