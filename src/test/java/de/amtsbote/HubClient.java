package de.amtsbote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A portal's view of the hub in tests: real HTTP on loopback. */
public final class HubClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public HubClient(int port) {
        this.base = "http://localhost:" + port;
    }

    public record Response(int status, String contentType, String location, JsonNode json, String body) {
    }

    public Response submit(String xml) {
        return submit(xml, "application/xml");
    }

    public Response submit(String body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/v1/submissions"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    public Response status(String trackingId) {
        return get("/api/v1/submissions/" + trackingId);
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
