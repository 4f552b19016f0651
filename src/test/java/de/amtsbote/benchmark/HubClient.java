package de.amtsbote.benchmark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.amtsbote.DemoClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.OptionalLong;
import java.util.UUID;

/** The hub's HTTP contract as the benchmark uses it: submit, status, health and heap. */
final class HubClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient http;
    private final URI base;
    private final String portalKey;

    HubClient(URI base) {
        this(base, DemoClients.PORTAL_KEY);
    }

    HubClient(URI base, String portalKey) {
        this.base = base;
        this.portalKey = portalKey;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    record Reply(int status, String body) {
    }

    /** Only sends; the caller times the call and parses the answer afterwards, so parsing is not in the latency. */
    Reply submit(String xml) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/submissions"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/xml")
                .header(DemoClients.API_KEY_HEADER, portalKey)
                .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    /** The message and one document as multipart/form-data, the document streamed from its file. */
    Reply submitWithDocument(String xml, String documentId, Path document) throws IOException, InterruptedException {
        String boundary = "amtsbote-benchmark-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"message\"; filename=\"antrag.xml\"\r\n"
                + "Content-Type: application/xml\r\n\r\n" + xml + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + documentId + "\"; filename=\"" + document.getFileName() + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/submissions"))
                .timeout(Duration.ofMinutes(10))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header(DemoClients.API_KEY_HEADER, portalKey)
                .POST(HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofByteArray(head.getBytes(StandardCharsets.UTF_8)),
                        HttpRequest.BodyPublishers.ofFile(document),
                        HttpRequest.BodyPublishers.ofByteArray(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8))))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    /** The total of a counter over all its tags (e.g. amtsbote.delivery.delivered), or empty if not readable. */
    OptionalLong counter(String name) throws InterruptedException {
        // no meter until the first event: nothing counted yet
        return measurement("/actuator/metrics/" + name, "COUNT", OptionalLong.of(0));
    }

    /** @return the trackingId of a 202 answer, or null if the body has none */
    static String trackingId(String acceptedBody) {
        try {
            return JSON.readTree(acceptedBody).path("trackingId").asText(null);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** A submission's state; for DELIVERED also the first and the DELIVERED timestamps of its history. */
    record Status(String status, Instant firstAt, Instant deliveredAt) {
    }

    Status status(String trackingId) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/api/v1/submissions/" + trackingId, REQUEST_TIMEOUT);
        if (response.statusCode() != 200) {
            throw new IOException("status of " + trackingId + ": HTTP " + response.statusCode());
        }
        JsonNode root = JSON.readTree(response.body());
        String status = root.path("status").asText();
        if (!"DELIVERED".equals(status)) {
            return new Status(status, null, null);
        }
        JsonNode history = root.path("history");
        Instant first = instant(history.path(0));
        Instant delivered = null;
        for (JsonNode entry : history) {
            if ("DELIVERED".equals(entry.path("status").asText())) {
                delivered = instant(entry);
                break;
            }
        }
        if (first == null || delivered == null) {
            throw new IOException("status of " + trackingId + ": DELIVERED, but its history lacks timestamps");
        }
        return new Status(status, first, delivered);
    }

    boolean isUp() throws InterruptedException {
        try {
            HttpResponse<String> response = get("/actuator/health", PROBE_TIMEOUT);
            return response.statusCode() == 200
                    && "UP".equals(JSON.readTree(response.body()).path("status").asText());
        } catch (IOException notListeningYet) {
            return false;
        }
    }

    /** The liveness probe without credentials, as the orchestrator asks it: only the status. */
    int liveness() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/actuator/health/liveness")).timeout(REQUEST_TIMEOUT)
                .GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** @return heap in use, or empty if the metrics endpoint did not answer (the sampler just skips that tick) */
    OptionalLong heapUsedBytes() throws InterruptedException {
        return measurement("/actuator/metrics/jvm.memory.used?tag=area:heap", "VALUE", OptionalLong.empty());
    }

    /** One statistic of an actuator metric; {@code absent} when the meter does not exist (404), else empty on failure. */
    private OptionalLong measurement(String path, String statistic, OptionalLong absent) throws InterruptedException {
        try {
            HttpResponse<String> response = get(path, PROBE_TIMEOUT);
            if (response.statusCode() == 404) {
                return absent;
            }
            if (response.statusCode() != 200) {
                return OptionalLong.empty();
            }
            for (JsonNode m : JSON.readTree(response.body()).path("measurements")) {
                if (statistic.equals(m.path("statistic").asText())) {
                    return OptionalLong.of(m.path("value").asLong());
                }
            }
            return OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    private HttpResponse<String> get(String path, Duration timeout) throws IOException, InterruptedException {
        // the operator reads every submission and the metrics
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header(DemoClients.API_KEY_HEADER, DemoClients.OPERATOR_KEY).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Accepts "…Z" as well as an explicit offset, whichever the hub writes. */
    private static Instant instant(JsonNode entry) {
        String at = entry.path("at").asText(null);
        return at == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(at, Instant::from);
    }
}
