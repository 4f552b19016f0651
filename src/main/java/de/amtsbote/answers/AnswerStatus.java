package de.amtsbote.answers;

/**
 * Where an answer is on its way back to the portal. UNMATCHED: it refers to no submission the hub has; kept for
 * operators. RECEIVED: matched; the portal reads it at {@code /api/v1/submissions/{trackingId}/answers} (it has no
 * callback URL). QUEUED: on the callback queue to the portal's callback URL. FAILED: the last callback attempt
 * failed and the broker will try again. DELIVERED: the portal's callback confirmed it (2xx). DEAD_LETTER: the
 * callback was given up (4xx, or no attempt left); the portal can still read the answer.
 */
public enum AnswerStatus {
    UNMATCHED, RECEIVED, QUEUED, FAILED, DELIVERED, DEAD_LETTER
}
