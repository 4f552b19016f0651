package de.amtsbote.tracking;

import java.time.Instant;
import java.util.List;

/**
 * A submission as the portal and operators see it, with its history oldest first.
 *
 * @param contentSha256 the SHA-256 of the message as received: a resend must match it
 * @param caseReference the case the message belongs to, when its standard names one
 * @param submittedBy   the client that sent it
 */
public record Submission(String trackingId, String messageId, String messageType, String standard, String connector,
                         String destination, String caseReference, String submittedBy, String contentSha256,
                         SubmissionStatus status, int attempts, List<Event> history) {

    public Submission withHistory(List<Event> events) {
        return new Submission(trackingId, messageId, messageType, standard, connector, destination, caseReference,
                submittedBy, contentSha256, status, attempts, List.copyOf(events));
    }

    public record Event(SubmissionStatus status, Instant at, String detail) {
    }
}
