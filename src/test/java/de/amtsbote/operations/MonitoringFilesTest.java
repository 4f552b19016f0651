package de.amtsbote.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import de.amtsbote.HubClient;
import de.amtsbote.HubTestSupport;
import de.amtsbote.Samples;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the Prometheus alert rules under {@code docker/} name only metrics the hub exports:
 * every query is checked against a scrape after real traffic, so that a renamed metric breaks the build, not the
 * dashboard.
 */
class MonitoringFilesTest extends HubTestSupport {

    private static final Path DASHBOARD = Path.of("docker/grafana/amtsbote-dashboard.json");
    private static final Path ALERTS = Path.of("docker/prometheus/alerts.yml");
    /** Metric names as the hub's registry writes them: a known prefix, then words joined by underscores. */
    private static final Pattern METRIC = Pattern.compile("\\b(?:amtsbote|camel|jvm|process|http|system|tomcat|hikaricp|jdbc|executor)_[a-zA-Z0-9_]+");

    private static Set<String> exported;

    /** Once the hub runs (a static @BeforeAll would come before the Spring context). */
    @BeforeEach
    void trafficThenScrape() {
        if (exported != null) {
            return;
        }
        HubClient hub = new HubClient(PORT);
        String xml = Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml");
        String trackingId = hub.submit(xml).json().get("trackingId").asText();
        hub.submit(xml); // a resend
        hub.submit(Samples.xbauWithNewMessageId("invalid-schema-antrag-0200-missing-baugrundstueck.xml"));
        hub.awaitStatus(trackingId, "DELIVERED");
        exported = Scrape.of(HubClient.operator(PORT)).names();
    }

    @Test
    void everyDashboardQueryNamesOnlyExportedMetrics() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> queries = new ArrayList<>();
        dashboard.get("panels").forEach(panel -> panel.path("targets").forEach(target -> queries.add(target.get("expr").asText())));
        dashboard.path("templating").path("list").forEach(variable -> queries.add(variable.path("definition").asText()));

        assertThat(dashboard.get("panels")).filteredOn(panel -> !"row".equals(panel.get("type").asText())).hasSizeGreaterThanOrEqualTo(10);
        assertQueriesNameExportedMetrics(queries);
        assertThat(metricsIn(queries)).as("the dashboard shows every metric of the hub's own")
                .containsAll(exported.stream().filter(name -> name.startsWith("amtsbote_")
                        && !name.endsWith("_count") && !name.endsWith("_sum") && !name.endsWith("_max")).toList());
    }

    @Test
    void alertRulesCoverDeadLettersOldMessagesAndDownDestinationsWithExportedMetrics() throws IOException {
        JsonNode alerts = new YAMLMapper().readTree(ALERTS.toFile());
        List<String> names = new ArrayList<>();
        List<String> queries = new ArrayList<>();
        alerts.get("groups").forEach(group -> group.get("rules").forEach(rule -> {
            names.add(rule.get("alert").asText());
            queries.add(rule.get("expr").asText());
            assertThat(rule.path("annotations").path("summary").asText()).as(rule.get("alert").asText()).isNotBlank();
        }));

        assertThat(names).containsExactlyInAnyOrder("AmtsboteDeadLetters", "AmtsboteOldestMessageTooOld",
                "AmtsboteDestinationDown");
        assertThat(queries).contains("amtsbote_dead_letters_stored > 0",
                "amtsbote_queue_oldest_message_age_seconds > 900", "amtsbote_destination_up == 0");
        assertQueriesNameExportedMetrics(queries);
    }

    private static void assertQueriesNameExportedMetrics(List<String> queries) {
        assertThat(queries).isNotEmpty();
        for (String query : queries) {
            Set<String> named = metricsIn(List.of(query));
            assertThat(named).as("a metric in: %s", query).isNotEmpty();
            assertThat(exported).as("exported by the hub, named in: %s", query).containsAll(named);
        }
    }

    private static Set<String> metricsIn(List<String> queries) {
        Set<String> names = new TreeSet<>();
        queries.forEach(query -> {
            Matcher metric = METRIC.matcher(query);
            while (metric.find()) {
                names.add(metric.group());
            }
        });
        return names;
    }
}
