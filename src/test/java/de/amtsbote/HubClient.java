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
import javax.net.ssl.SSLContext;
import org.awaitility.Awaitility;

/** A portal's view of the hub in tests: real HTTP (or HTTPS) on loopback, with the portal's API key. */
public final class HubClient {

    /** The demo portal's key; sent with every request, so tests keep working when the hub starts to require it. */
    public static final String PORTAL_API_KEY = "demo-portal-key";
    private static final String API_KEY_HEADER = "X-API-Key";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final String base;

    public HubClient(int port) {
        this.base = "http://localhost:" + port;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** Over HTTPS, trusting the server certificates (and showing the client certificate) of the given context. */
    public HubClient(int port, SSLContext sslContext) {
        this.base = "https://localhost:" + port;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).sslContext(sslContext).build();
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
        HttpRequest.Builder request = request("/api/v1/submissions").header("Content-Type", contentType);
        headers.forEach(request::header);
        return send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public Response get(String path) {
        return send(request(path).GET().build());
    }

    public Response post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public Response delete(String path) {
        return send(request(path).DELETE().build());
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

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header(API_KEY_HEADER, PORTAL_API_KEY);
    }

    private Response send(HttpRequest request) {
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
