package de.amtsbote.operations;

import de.amtsbote.security.AuditLog;
import de.amtsbote.tracking.DeadLetter;
import de.amtsbote.tracking.DeadLetterStore;
import de.amtsbote.tracking.TrackingId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The operators' view of the dead-letter store: list, inspect, replay, discard. */
@RestController
@RequestMapping("/api/v1/dead-letters")
@Tag(name = "dead-letters", description = "Operators only (role operator)")
@Validated
class DeadLetterController {

    private final DeadLetterStore deadLetters;
    private final DeadLetterOperations operations;
    private final AuditLog audit;

    DeadLetterController(DeadLetterStore deadLetters, DeadLetterOperations operations, AuditLog audit) {
        this.deadLetters = deadLetters;
        this.operations = operations;
        this.audit = audit;
    }

    @Operation(summary = "Dead letters, newest first, optionally of one connector or destination")
    @ApiResponse(responseCode = "200", description = "One page")
    @ApiResponse(responseCode = "400", description = "A page or size out of range")
    @GetMapping
    DeadLetterStore.Page list(@RequestParam(required = false) String connector,
                              @RequestParam(required = false) String destination,
                              @RequestParam(defaultValue = "0") @Min(0) int page,
                              @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return deadLetters.list(connector, destination, page, size);
    }

    @Operation(summary = "One dead letter: why it failed, and where it was going")
    @ApiResponse(responseCode = "200", description = "The dead letter")
    @ApiResponse(responseCode = "404", description = "No dead letter with this tracking id")
    @GetMapping("/{trackingId}")
    DeadLetter get(@PathVariable String trackingId) {
        return deadLetters.find(trackingId(trackingId)).orElseThrow(() -> notFound(trackingId));
    }

    /** The message as it was queued, for an operator to read before a replay. */
    @Operation(summary = "The message as it was queued")
    @ApiResponse(responseCode = "200", description = "The XML payload")
    @ApiResponse(responseCode = "404", description = "No dead letter with this tracking id")
    @GetMapping(path = "/{trackingId}/payload", produces = MediaType.APPLICATION_XML_VALUE)
    byte[] payload(@PathVariable String trackingId) {
        return get(trackingId).payload();
    }

    @Operation(summary = "Queue the dead letter for delivery again")
    @ApiResponse(responseCode = "200", description = "Replayed")
    @ApiResponse(responseCode = "404", description = "No dead letter with this tracking id")
    @PostMapping("/{trackingId}/replay")
    Map<String, Object> replay(@PathVariable String trackingId, Authentication operator) {
        if (!operations.replay(trackingId(trackingId))) {
            throw notFound(trackingId);
        }
        audit.performed(operator.getName(), "replay dead letter " + trackingId);
        return Map.of("trackingId", trackingId, "replayed", true);
    }

    /** Replays all dead letters of one destination. */
    @Operation(summary = "Queue all dead letters of one destination for delivery again")
    @ApiResponse(responseCode = "200", description = "How many were replayed")
    @ApiResponse(responseCode = "400", description = "No destination named")
    @PostMapping("/replay")
    Map<String, Object> replayAll(@RequestParam @NotBlank String destination, Authentication operator) {
        int replayed = operations.replayAll(destination);
        audit.performed(operator.getName(), "replay " + replayed + " dead letters of destination " + destination);
        return Map.of("destination", destination, "replayed", replayed);
    }

    /** Discards a dead letter for good; the reason stays in the submission's history. */
    @Operation(summary = "Discard a dead letter for good, with a reason kept in the submission's history")
    @ApiResponse(responseCode = "200", description = "Discarded")
    @ApiResponse(responseCode = "400", description = "No reason given")
    @ApiResponse(responseCode = "404", description = "No dead letter with this tracking id")
    @DeleteMapping("/{trackingId}")
    Map<String, Object> discard(@PathVariable String trackingId, @RequestParam @NotBlank String reason,
                                Authentication operator) {
        if (!operations.discard(trackingId(trackingId), reason)) {
            throw notFound(trackingId);
        }
        audit.performed(operator.getName(), "discard dead letter " + trackingId);
        return Map.of("trackingId", trackingId, "discarded", true, "reason", reason);
    }

    private static TrackingId trackingId(String value) {
        if (!TrackingId.isValid(value)) {
            throw notFound(value);
        }
        return new TrackingId(value);
    }

    private static ResponseStatusException notFound(String trackingId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No dead letter with tracking id " + trackingId);
    }
}
