package de.amtsbote.tracking;

import java.time.Instant;
import java.util.List;

/** A submission as the portal and operators see it, with its history oldest first. */
public record Submission(String trackingId, String messageId, String messageType, String standard, String connector,
                         String destination, SubmissionStatus status, int attempts, List<Event> history) {

    public Submission withHistory(List<Event> events) {
        return new Submission(trackingId, messageId, messageType, standard, connector, destination, status, attempts,
                List.copyOf(events));
    }

    public record Event(SubmissionStatus status, Instant at, String detail) {
    }
}
