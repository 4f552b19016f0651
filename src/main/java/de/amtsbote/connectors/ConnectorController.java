package de.amtsbote.connectors;

import de.amtsbote.api.Problems;
import de.amtsbote.connectors.kit.SampleResult;
import de.amtsbote.security.AuditLog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The operators' view of the connectors: what runs, how its samples fare, and a reload after a change of files. */
@RestController
@RequestMapping("/api/v1/connectors")
@Tag(name = "connectors", description = "Operators only (role operator)")
class ConnectorController {

    private final ConnectorRegistry connectors;
    private final ConnectorSamples samples;
    private final AuditLog audit;

    ConnectorController(ConnectorRegistry connectors, ConnectorSamples samples, AuditLog audit) {
        this.connectors = connectors;
        this.samples = samples;
        this.audit = audit;
    }

    /**
     * @param samplesPassed samples that pass the connector test kit in this hub
     * @param samplesFailed the ones that do not; the kit's report says why
     */
    record ConnectorView(String id, String description, List<String> messages, String schema, String schematron,
                         List<String> codeLists, String mapping, String output, String destination, String protocol,
                         String address, long samplesPassed, long samplesFailed) {
    }

    @Operation(summary = "The connectors in force, with their destinations and sample results")
    @ApiResponse(responseCode = "200", description = "Every connector")
    @GetMapping
    List<ConnectorView> list() {
        return connectors.all().stream().map(connector -> {
            ConnectorDefinition definition = connector.definition();
            List<SampleResult> results = samples.of(connector);
            return new ConnectorView(connector.id(), definition.description(), definition.messages(),
                    definition.validation().schema(), definition.validation().schematron(),
                    definition.validation().codeLists(),
                    definition.mapping() == null ? null : definition.mapping().stylesheet(),
                    definition.mapping() == null ? null : definition.mapping().output().toString(),
                    connector.destinationId(), connector.destination().protocol().name().toLowerCase(),
                    connector.destination().address(), results.stream().filter(SampleResult::passed).count(),
                    results.stream().filter(result -> !result.passed()).count());
        }).toList();
    }

    @Operation(summary = "Load the connector folders again; a change takes effect only if every connector is valid")
    @ApiResponse(responseCode = "200", description = "In force: what was added and changed")
    @ApiResponse(responseCode = "422", description = "A connector is invalid (file and problem named); the running version stays")
    @PostMapping("/reload")
    ConnectorRegistry.Reload reload(Authentication operator) {
        ConnectorRegistry.Reload reload = connectors.reload();
        audit.performed(operator.getName(), "reload connectors: added " + reload.added() + ", changed " + reload.changed());
        return reload;
    }

    @ExceptionHandler
    ProblemDetail invalid(ConnectorConfigurationException e) {
        return Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "connector-invalid",
                "A connector is invalid; the running version stays in force", e.getMessage());
    }
}
