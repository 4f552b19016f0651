package de.amtsbote.tracking;

import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Where a portal asks what became of its submission. */
@RestController
class SubmissionStatusController {

    private final TrackingStore store;

    SubmissionStatusController(TrackingStore store) {
        this.store = store;
    }

    @GetMapping("/api/v1/submissions/{trackingId}")
    Submission status(@PathVariable String trackingId) {
        Optional<Submission> found = TrackingId.isValid(trackingId) ? store.find(new TrackingId(trackingId)) : Optional.empty();
        return found.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No submission with tracking id " + trackingId));
    }
}
