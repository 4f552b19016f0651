package de.amtsbote.operations;

import static org.assertj.core.api.Assertions.assertThat;

import de.amtsbote.HubClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of {@code /actuator/prometheus} (text format), read as series with labels and values. */
record Scrape(List<Series> series) {

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    record Series(String name, Map<String, String> labels, double value) {
    }

    static Scrape of(HubClient operator) {
        HubClient.Response response = operator.get("/actuator/prometheus");
        assertThat(response.status()).as("the operator may scrape").isEqualTo(200);
        List<Series> series = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int end = line.lastIndexOf(' ');
            String name = brace < 0 ? line.substring(0, end) : line.substring(0, brace);
            Map<String, String> labels = new LinkedHashMap<>();
            if (brace >= 0) {
                Matcher label = LABEL.matcher(line.substring(brace, line.lastIndexOf('}') + 1));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            series.add(new Series(name, labels, Double.parseDouble(line.substring(end + 1))));
        }
        return new Scrape(series);
    }

    /** The sum of every series of this name whose labels include these (name, value, name, value ...). */
    double value(String name, String... labels) {
        return series.stream().filter(s -> s.name().equals(name) && matches(s.labels(), labels))
                .mapToDouble(Series::value).sum();
    }

    /** Whether a series of this name with these labels exists. */
    boolean has(String name, String... labels) {
        return series.stream().anyMatch(s -> s.name().equals(name) && matches(s.labels(), labels));
    }

    Set<String> names() {
        Set<String> names = new TreeSet<>();
        series.forEach(s -> names.add(s.name()));
        return names;
    }

    private static boolean matches(Map<String, String> actual, String... labels) {
        for (int i = 0; i < labels.length; i += 2) {
            if (!labels[i + 1].equals(actual.get(labels[i]))) {
                return false;
            }
        }
        return true;
    }
}
