package de.amtsbote.api;

import de.amtsbote.security.SecurityProperties;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The REST API's description at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui/index.html}, served from the
 * bundled webjar). Every error is the {@link #PROBLEM} schema as {@code application/problem+json}, as
 * {@link ApiProblems} answers; the controllers name their own error statuses, the ones every call can meet are
 * added here. The SOAP side is described by its WSDLs under {@code /services}.
 */
@Configuration
class OpenApiConfiguration {

    static final String PROBLEM = "Problem";
    static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;
    static final String API_KEY = "apiKey";
    static final String BEARER = "bearerJwt";
    private static final String PROBLEM_JSON = "application/problem+json";

    /** Statuses the security chain and the hub's limits can answer on any call of the API. */
    private static final Map<String, String> COMMON_ERRORS = Map.of(
            "401", "No credentials, or credentials of no configured client",
            "403", "The client's role (or its registration) does not allow this call",
            "429", "The client is over its request rate or concurrency limit (with Retry-After)",
            "503", "The hub could not process the request (broker or database away, starting or stopping)");

    @Bean
    OpenAPI amtsboteOpenApi(SecurityProperties security) {
        return new OpenAPI()
                .info(new Info().title("Amtsbote").version("v1").description("""
                        XÖV submissions from portals to specialist systems: a portal posts a message and gets a \
                        receipt at once (the hub delivers it later), asks for its status by tracking id; operators \
                        handle dead letters. Clients authenticate with an API key, a bearer token (OAuth 2.0 client \
                        credentials) or a client certificate (mutual TLS, when the hub asks for one). Every error is \
                        application/problem+json (RFC 9457). SOAP endpoints are described by their WSDLs under \
                        /services (the demo specialist system's: /services/demo/bauaufsicht?wsdl)."""))
                // relative: the document is right wherever the hub is reached (proxy, ingress, TLS)
                .servers(List.of(new Server().url("/")))
                .components(new Components()
                        .addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name(security.apiKeyHeader())
                                .description("Static API key of a configured client"))
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("Access token of the city's identity provider; its client_id names a configured client")))
                // either one
                .security(List.of(new SecurityRequirement().addList(API_KEY), new SecurityRequirement().addList(BEARER)));
    }

    /**
     * Adds the common errors to every operation, and gives every error response the problem schema. The schema is
     * added here, not in the bean above: springdoc drops component schemas that no operation refers to before
     * customizers run.
     */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(OpenApiConfiguration::addProblems));
        };
    }

    private static void addProblems(Operation operation) {
        ApiResponses responses = operation.getResponses();
        COMMON_ERRORS.forEach((status, description) -> {
            if (!responses.containsKey(status)) {
                responses.addApiResponse(status, new ApiResponse().description(description));
            }
        });
        responses.forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                response.setContent(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref(PROBLEM_REF))));
            }
        });
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details, as every error of the API answers")
                .addProperty("type", new StringSchema().format("uri")
                        .description("What went wrong, under urn:amtsbote:problem: (e.g. urn:amtsbote:problem:schema-invalid)"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema().format("int32"))
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri"))
                .addProperty("errors", new ArraySchema().items(new ObjectSchema()
                                .addProperty("line", new IntegerSchema().format("int32"))
                                .addProperty("column", new IntegerSchema().format("int32"))
                                .addProperty("message", new StringSchema()))
                        .description("XML problems (not well-formed, invalid against the schema, unknown codes, broken rules): where and what; -1 when unknown"))
                .addProperty("trackingId", new StringSchema().description("The first submission's, on a conflicting resend"))
                .addProperty("rootElement", new StringSchema().description("The root element no connector takes"))
                .required(List.of("type", "title", "status"));
    }
}
