package de.amtsbote.tracking;

import java.time.Instant;

/**
 * What an operator searches submissions by; every criterion is optional (null: any).
 *
 * @param from accepted at or after
 * @param to   accepted before
 */
public record SubmissionQuery(String trackingId, String messageId, String connector, SubmissionStatus status,
                              Instant from, Instant to) {
}
