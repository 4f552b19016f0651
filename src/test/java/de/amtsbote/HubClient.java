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

/** A client's view of the hub in tests: real HTTP (or HTTPS) on loopback, with the client's credentials. */
public final class HubClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final String base;
    /** The header name and value every request brings as credentials, or null for none. */
    private final Map.Entry<String, String> credentials;

    /** The demo portal. */
    public HubClient(int port) {
        this(port, DemoClients.PORTAL_KEY);
    }

    /** The client with this API key. */
    public HubClient(int port, String apiKey) {
        this("http://localhost:" + port, HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build(), apiKey(apiKey));
    }

    /** The demo portal over HTTPS, trusting the server certificates (and showing the client certificate) of the context. */
    public HubClient(int port, SSLContext sslContext) {
        this(port, sslContext, apiKey(DemoClients.PORTAL_KEY));
    }

    private HubClient(int port, SSLContext sslContext, Map.Entry<String, String> credentials) {
        this("https://localhost:" + port,
                HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).sslContext(sslContext).build(), credentials);
    }

    private HubClient(String base, HttpClient http, Map.Entry<String, String> credentials) {
        this.base = base;
        this.http = http;
        this.credentials = credentials;
    }

    /** Without credentials. */
    public static HubClient anonymous(int port) {
        return new HubClient(port, (String) null);
    }

    /** The demo operator. */
    public static HubClient operator(int port) {
        return new HubClient(port, DemoClients.OPERATOR_KEY);
    }

    /** A client with a bearer token. */
    public static HubClient bearer(int port, String token) {
        return new HubClient("http://localhost:" + port, HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build(),
                Map.entry("Authorization", "Bearer " + token));
    }

    /** Over HTTPS with only the client certificate of the context as credentials (mutual TLS). */
    public static HubClient certificate(int port, SSLContext sslContext) {
        return new HubClient(port, sslContext, null);
    }

    private static Map.Entry<String, String> apiKey(String key) {
        return key == null ? null : Map.entry(DemoClients.API_KEY_HEADER, key);
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

    /** A multipart submission: the message with its documents. */
    public Response submit(Multipart body) {
        return submit(body.body(), body.contentType(), Map.of());
    }

    private Response submit(HttpRequest.BodyPublisher body, String contentType, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/submissions"))
                .header("Content-Type", contentType);
        headers.forEach(request::header);
        return send(request.POST(body));
    }

    /** Posts an XML answer as a specialist system does. */
    public Response answer(String xml) {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/v1/answers")).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml)));
    }

    /** A multipart answer: the answer with its documents. */
    public Response answer(Multipart body) {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/v1/answers")).header("Content-Type", body.contentType())
                .POST(body.body()));
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

    /** The detail of the last event of a submission's history. */
    public static String lastDetail(JsonNode submission) {
        JsonNode history = submission.get("history");
        return history.get(history.size() - 1).get("detail").asText();
    }

    /** The statuses of a submission's history, in order. */
    public static List<String> statuses(JsonNode submission) {
        List<String> statuses = new ArrayList<>();
        submission.get("history").forEach(event -> statuses.add(event.get("status").asText()));
        return statuses;
    }

    private Response send(HttpRequest.Builder builder) {
        if (credentials != null) {
            builder.header(credentials.getKey(), credentials.getValue());
        }
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
