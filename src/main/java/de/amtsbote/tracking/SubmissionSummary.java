package de.amtsbote.tracking;

import java.time.Instant;

/** One line of a submission search: the submission without its history, with when it came and last changed. */
public record SubmissionSummary(String trackingId, String messageId, String messageType, String connector,
                                String destination, SubmissionStatus status, int attempts, Instant createdAt,
                                Instant updatedAt) {
}
