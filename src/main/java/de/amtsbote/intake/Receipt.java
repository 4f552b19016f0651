package de.amtsbote.intake;

import de.amtsbote.tracking.SubmissionStatus;

/** The answer to an accepted submission: what the portal keeps to ask for its status and answers. */
public record Receipt(String trackingId, String messageId, String messageType, String standard, String version,
                      String connector, SubmissionStatus status) {
}
