package de.amtsbote.tracking;

import de.amtsbote.security.AccessRefusedException;
import de.amtsbote.security.Client;
import de.amtsbote.security.Clients;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Where a portal asks what became of its submission, and an operator what became of any. */
@RestController
@Tag(name = "submissions")
class SubmissionStatusController {

    private final TrackingStore store;
    private final Clients clients;

    SubmissionStatusController(TrackingStore store, Clients clients) {
        this.store = store;
        this.clients = clients;
    }

    @Operation(summary = "A submission's status and history", description = "Role portal (its own submissions) or operator.")
    @ApiResponse(responseCode = "200", description = "The submission")
    @ApiResponse(responseCode = "404", description = "No submission with this tracking id")
    @GetMapping("/api/v1/submissions/{trackingId}")
    Submission status(@PathVariable String trackingId, Authentication authentication) {
        Optional<Submission> found = TrackingId.isValid(trackingId) ? store.find(new TrackingId(trackingId)) : Optional.empty();
        Submission submission = found.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No submission with tracking id " + trackingId));
        Client client = clients.of(authentication);
        if (!client.mayRead(submission.submittedBy())) {
            throw new AccessRefusedException(client.id(), "Submission " + trackingId + " was sent by another client");
        }
        return submission;
    }
}
