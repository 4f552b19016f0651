package de.amtsbote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.Awaitility;

/** A portal's view of the hub in tests: real HTTP on loopback. */
public final class HubClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Map<String, String> defaultHeaders;

    public HubClient(int port) {
        this(port, Map.of());
    }

    /** A client that sends these headers with every request (a portal's API key). */
    public HubClient(int port, Map<String, String> defaultHeaders) {
        this.base = "http://localhost:" + port;
        this.defaultHeaders = Map.copyOf(defaultHeaders);
    }

    public record Response(int status, String contentType, String location, JsonNode json, String body) {
    }

    public Response submit(String xml) {
        return submit(xml, "application/xml");
    }

    public Response submit(String body, String contentType) {
        return submit(body, contentType, Map.of());
    }

    public Response submit(String body, String contentType, Map<String, String> headers) {
        return submit(HttpRequest.BodyPublishers.ofString(body), contentType, headers);
    }

    /** Sends the bytes as they are: documents in other encodings, or not valid in any. */
    public Response submit(byte[] body, String contentType) {
        return submit(HttpRequest.BodyPublishers.ofByteArray(body), contentType, Map.of());
    }

    private Response submit(HttpRequest.BodyPublisher body, String contentType, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/submissions"))
                .header("Content-Type", contentType);
        headers.forEach(request::header);
        return send(request.POST(body));
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Response post(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    /** Polls until the response is as expected (or fails after 30 s). */
    public Response await(Supplier<Response> call, Predicate<Response> expected) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(call::get, expected);
    }

    public Response status(String trackingId) {
        return get("/api/v1/submissions/" + trackingId);
    }

    /** Polls the status until it is the expected one (or fails after 30 s), and returns the submission. */
    public JsonNode awaitStatus(String trackingId, String expected) {
        return await(() -> status(trackingId), response -> expected.equals(response.json().get("status").asText())).json();
    }

    /** The statuses of a submission's history, in order. */
    public static List<String> statuses(JsonNode submission) {
        List<String> statuses = new ArrayList<>();
        submission.get("history").forEach(event -> statuses.add(event.get("status").asText()));
        return statuses;
    }

    private Response send(HttpRequest.Builder builder) {
        defaultHeaders.forEach(builder::header);
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode json = contentType.contains("json") ? JSON.readTree(response.body()) : null;
            return new Response(response.statusCode(), contentType,
                    response.headers().firstValue("Location").orElse(null), json, response.body());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP call failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
