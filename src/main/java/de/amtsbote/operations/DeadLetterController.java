package de.amtsbote.operations;

import de.amtsbote.security.AuditLog;
import de.amtsbote.tracking.DeadLetter;
import de.amtsbote.tracking.DeadLetterStore;
import de.amtsbote.tracking.TrackingId;
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

    @GetMapping
    DeadLetterStore.Page list(@RequestParam(required = false) String connector,
                              @RequestParam(required = false) String destination,
                              @RequestParam(defaultValue = "0") @Min(0) int page,
                              @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return deadLetters.list(connector, destination, page, size);
    }

    @GetMapping("/{trackingId}")
    DeadLetter get(@PathVariable String trackingId) {
        return deadLetters.find(trackingId(trackingId)).orElseThrow(() -> notFound(trackingId));
    }

    /** The message as it was queued, for an operator to read before a replay. */
    @GetMapping(path = "/{trackingId}/payload", produces = MediaType.APPLICATION_XML_VALUE)
    byte[] payload(@PathVariable String trackingId) {
        return get(trackingId).payload();
    }

    @PostMapping("/{trackingId}/replay")
    Map<String, Object> replay(@PathVariable String trackingId, Authentication operator) {
        if (!operations.replay(trackingId(trackingId))) {
            throw notFound(trackingId);
        }
        audit.performed(operator.getName(), "replay dead letter " + trackingId);
        return Map.of("trackingId", trackingId, "replayed", true);
    }

    /** Replays all dead letters of one destination. */
    @PostMapping("/replay")
    Map<String, Object> replayAll(@RequestParam @NotBlank String destination, Authentication operator) {
        int replayed = operations.replayAll(destination);
        audit.performed(operator.getName(), "replay " + replayed + " dead letters of destination " + destination);
        return Map.of("destination", destination, "replayed", replayed);
    }

    /** Discards a dead letter for good; the reason stays in the submission's history. */
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
