package de.amtsbote.tracking;

import java.time.Instant;
import java.util.List;

/** A submission as the portal and operators see it, with its history oldest first. */
public record Submission(String trackingId, String messageId, String messageType, String standard, String connector,
                         String destination, SubmissionStatus status, int attempts, List<Event> history) {

    public record Event(SubmissionStatus status, Instant at, String detail) {
    }
}
