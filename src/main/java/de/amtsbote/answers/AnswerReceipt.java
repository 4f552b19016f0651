package de.amtsbote.answers;

/**
 * What a specialist system gets for an answer: the hub has it, whether or not it matched a submission.
 *
 * @param matched    whether it refers to a submission the hub has; an unmatched answer is kept for operators
 * @param trackingId the submission it answers, when matched
 * @param resend     true when the hub had this answer already (same nachrichtenUUID, same content)
 */
public record AnswerReceipt(String answerId, String messageId, String messageType, boolean matched, String trackingId,
                            AnswerStatus status, boolean resend) {
}
