package de.amtsbote.intake;

import de.amtsbote.tracking.SubmissionStatus;

/**
 * The answer to an accepted submission: what the portal keeps to ask for its status and answers.
 *
 * @param resend true when the hub already had this message: the tracking id and status are the first submission's
 */
public record Receipt(String trackingId, String messageId, String messageType, String standard, String version,
                      String connector, SubmissionStatus status, boolean resend) {
}
