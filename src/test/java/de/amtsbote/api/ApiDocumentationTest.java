package de.amtsbote.api;

import static org.assertj.core.api.Assertions.assertThat;

import de.amtsbote.HubClient;
import de.amtsbote.HubTestSupport;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The API description as a client fetches it, without credentials: a valid OpenAPI 3 document (swagger-parser's
 * validation, not only JSON) that names every path, its errors as problem+json, and both ways to authenticate;
 * Swagger UI served from the hub itself; the demo specialist system's WSDL from CXF.
 */
class ApiDocumentationTest extends HubTestSupport {

    private static final Pattern ABSOLUTE_URL = Pattern.compile("(?i)(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}");

    private final HubClient anonymous = HubClient.anonymous(PORT);

    @Test
    void theOpenApiDocumentIsValidAndDescribesTheRestApi() {
        HubClient.Response response = anonymous.get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");

        OpenAPI api = parse(response.body());

        assertThat(api.getOpenapi()).startsWith("3.");
        assertThat(api.getServers()).extracting(server -> server.getUrl()).containsExactly("/");
        assertThat(api.getPaths()).containsOnlyKeys("/api/v1/submissions", "/api/v1/submissions/{trackingId}",
                "/api/v1/dead-letters", "/api/v1/dead-letters/{trackingId}", "/api/v1/dead-letters/{trackingId}/payload",
                "/api/v1/dead-letters/{trackingId}/replay", "/api/v1/dead-letters/replay", "/api/v1/connectors",
                "/api/v1/connectors/reload", "/api/v1/answers", "/api/v1/answers/{answerId}/payload",
                "/api/v1/submissions/{trackingId}/answers", "/api/v1/xta/refusals",
                "/api/v1/message-boxes/{destination}/messages", "/api/v1/message-boxes/{destination}/messages/{trackingId}",
                "/api/v1/message-boxes/{destination}/messages/{trackingId}/close",
                "/api/v1/message-boxes/{destination}/messages/{trackingId}/documents/{sha256}",
                "/api/v1/answers/{answerId}/documents/{sha256}");
        assertThat(api.getPaths().get("/api/v1/answers").getPost().getResponses()).containsOnlyKeys("200", "202", "400",
                "401", "403", "409", "413", "415", "422", "429", "503");

        Operation submit = api.getPaths().get("/api/v1/submissions").getPost();
        assertThat(submit.getRequestBody().getContent()).containsKeys("application/xml", "text/xml");
        assertThat(submit.getResponses()).containsOnlyKeys("200", "202", "400", "401", "403", "409", "413", "415", "422",
                "429", "503");
        assertThat(submit.getResponses().get("202").getContent().get("application/json").getSchema().get$ref())
                .isEqualTo("#/components/schemas/Receipt");
        ApiResponse status = api.getPaths().get("/api/v1/submissions/{trackingId}").getGet().getResponses().get("200");
        assertThat(status.getContent().get("application/json").getSchema().get$ref()).isEqualTo("#/components/schemas/Submission");
        assertThat(api.getPaths().get("/api/v1/submissions/{trackingId}").getGet().getResponses()).containsKey("404");
        assertThat(api.getPaths().get("/api/v1/dead-letters/{trackingId}/replay").getPost().getResponses()).containsKey("404");
        assertThat(api.getPaths().get("/api/v1/connectors/reload").getPost().getResponses()).containsKey("422");
    }

    @Test
    void everyErrorOfEveryOperationIsAProblem() {
        OpenAPI api = parse(anonymous.get("/v3/api-docs").body());

        assertThat(api.getComponents().getSchemas().get("Problem").getProperties())
                .containsKeys("type", "title", "status", "detail", "instance", "errors");
        List<Operation> operations = api.getPaths().values().stream().map(PathItem::readOperations).flatMap(List::stream).toList();
        assertThat(operations).hasSize(20).allSatisfy(operation -> {
            assertThat(operation.getResponses()).as(operation.getSummary()).containsKeys("401", "403", "429", "503");
            operation.getResponses().forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    assertThat(problemSchemaOf(response)).as("%s %s", operation.getSummary(), status)
                            .isEqualTo("#/components/schemas/Problem");
                }
            });
        });
    }

    @Test
    void theDocumentNamesBothWaysToAuthenticate() {
        OpenAPI api = parse(anonymous.get("/v3/api-docs").body());

        SecurityScheme apiKey = api.getComponents().getSecuritySchemes().get("apiKey");
        assertThat(apiKey.getType()).isEqualTo(SecurityScheme.Type.APIKEY);
        assertThat(apiKey.getIn()).isEqualTo(SecurityScheme.In.HEADER);
        assertThat(apiKey.getName()).isEqualTo("X-API-Key");
        SecurityScheme bearer = api.getComponents().getSecuritySchemes().get("bearerJwt");
        assertThat(bearer.getType()).isEqualTo(SecurityScheme.Type.HTTP);
        assertThat(bearer.getScheme()).isEqualTo("bearer");
        assertThat(bearer.getBearerFormat()).isEqualTo("JWT");
        // alternatives: one requirement each
        assertThat(api.getSecurity()).extracting(Map::keySet).containsExactlyInAnyOrder(
                java.util.Set.of("apiKey"), java.util.Set.of("bearerJwt"));
    }

    @Test
    void swaggerUiIsServedByTheHubWithoutAnyOutsideAddress() {
        assertThat(anonymous.get("/swagger-ui.html").status()).as("redirect to the UI").isEqualTo(302);

        HubClient.Response page = anonymous.get("/swagger-ui/index.html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("swagger-ui-bundle.js");

        for (String resource : List.of("/swagger-ui/index.html", "/swagger-ui/swagger-initializer.js",
                "/v3/api-docs/swagger-config")) {
            HubClient.Response served = anonymous.get(resource);
            assertThat(served.status()).as(resource).isEqualTo(200);
            assertThat(ABSOLUTE_URL.matcher(served.body()).results().map(match -> match.group()).toList())
                    .as("outside addresses in %s", resource).isEmpty();
        }
        assertThat(anonymous.get("/swagger-ui/swagger-ui-bundle.js").status()).isEqualTo(200);
        assertThat(anonymous.get("/v3/api-docs/swagger-config").json().path("validatorUrl").asText()).isEqualTo("none");
    }

    @Test
    void theDemoSpecialistSystemsWsdlIsServedByCxf() {
        HubClient.Response wsdl = anonymous.get("/services/demo/bauaufsicht?wsdl");

        assertThat(wsdl.status()).isEqualTo(200);
        assertThat(wsdl.contentType()).contains("xml");
        assertThat(wsdl.body()).contains("definitions").contains("urn:de:amtsbote:fachverfahren:1").contains("einreichen");
    }

    /** Parses and validates: any message of the parser (a structural error, a dangling $ref) fails the test. */
    private static OpenAPI parse(String json) {
        keep(json);
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
        assertThat(result.getMessages()).as("OpenAPI validation messages").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        return result.getOpenAPI();
    }

    /** The document as the hub served it, for a reader of a failed build. */
    private static void keep(String json) {
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "api-docs.json"), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String problemSchemaOf(ApiResponse response) {
        if (response.getContent() == null) {
            return null;
        }
        assertThat(response.getContent()).containsOnlyKeys("application/problem+json");
        MediaType problem = response.getContent().get("application/problem+json");
        return problem.getSchema().get$ref();
    }
}
