package de.amtsbote.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.amtsbote.HubClient;
import de.amtsbote.Samples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tracing and JSON logs switched on by configuration alone: a portal's W3C {@code traceparent} travels with its
 * submission through the intake, the broker and the delivery route into the SOAP call to the specialist system, and
 * every log line of that journey is a JSON object carrying the trace id, the tracking id and the message id.
 */
class TracingIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static FakeSpecialistSystem specialistSystem;
    private static HubJvm hub;

    @BeforeAll
    static void startHub() {
        specialistSystem = FakeSpecialistSystem.create().start();
        hub = HubJvm.builder("hub-tracing")
                .destinationAddress("bauaufsicht", specialistSystem.address())
                .property("management.tracing.enabled", "true")
                .property("logging.structured.format.console", "ecs")
                .start();
    }

    @AfterAll
    static void stopAll() {
        ChildProcess.closeAll(hub, specialistSystem);
    }

    @Test
    void thePortalsTraceReachesTheSpecialistSystemAndEveryLogLineOfTheJourney() {
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String xml = Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml");
        String messageId = Samples.messageId(xml);
        HubClient portal = hub.client();

        HubClient.Response accepted = portal.submit(xml, "application/xml",
                Map.of("traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01"));
        String trackingId = accepted.json().get("trackingId").asText();
        portal.awaitStatus(trackingId, "DELIVERED");

        FakeSpecialistSystem.Call call = specialistSystem.calls().stream()
                .filter(c -> messageId.equals(c.nachrichtenUUID())).findFirst().orElseThrow();
        assertThat(call.traceparent()).as("the SOAP call continues the portal's trace").startsWith("00-" + traceId + "-");

        // the status is DELIVERED a moment before the delivery's log line is written
        List<JsonNode> journey = Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> logLines().stream()
                        .filter(line -> trackingId.equals(field(line, "camel.breadcrumbId"))).toList(),
                lines -> lines.stream().anyMatch(line -> line.path("message").asText().startsWith("Delivered")));
        assertThat(journey).as("log lines of the submission, intake and delivery").hasSizeGreaterThanOrEqualTo(2);
        assertThat(journey).allSatisfy(line -> {
            assertThat(field(line, "amtsbote.messageId")).isEqualTo(messageId);
            // Camel's tracer keeps the trace in the log context on every thread of the journey (Micrometer's
            // traceId only on the request thread)
            assertThat(field(line, "trace_id")).isEqualTo(traceId);
        });
        assertThat(journey).extracting(line -> line.path("message").asText())
                .anyMatch(message -> message.startsWith("Accepted"))
                .anyMatch(message -> message.startsWith("Delivered"));
    }

    /** A log context value: ECS nests dotted names ({@code camel.breadcrumbId} is {@code camel → breadcrumbId}). */
    private static String field(JsonNode line, String name) {
        JsonNode node = line;
        for (String part : name.split("\\.")) {
            node = node.path(part);
        }
        return node.asText();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /** The hub's log, one JSON object a line (lines that are not JSON, e.g. a JVM warning, are left out). */
    private static List<JsonNode> logLines() {
        try {
            return Files.readAllLines(hub.log()).stream().filter(line -> line.startsWith("{")).map(line -> {
                try {
                    return JSON.readTree(line);
                } catch (IOException e) {
                    throw new UncheckedIOException("not a JSON log line: " + line, e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
