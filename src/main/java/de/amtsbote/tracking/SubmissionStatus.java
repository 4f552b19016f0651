package de.amtsbote.tracking;

/**
 * Where a submission is. ACCEPTED: valid and recorded, not yet confirmed by the broker. QUEUED: durably on its
 * destination's queue. IN_MESSAGE_BOX: put into a message-box destination, waiting for its specialist system to
 * fetch and close it. DELIVERED: the specialist system confirmed it (for a message box: closed it). FAILED: the
 * last attempt failed and the broker will try again. DEAD_LETTER: no more attempts, kept in the dead-letter store; an operator must act.
 * DISCARDED: an operator removed it from the dead-letter store, with a reason.
 */
public enum SubmissionStatus {
    ACCEPTED, QUEUED, IN_MESSAGE_BOX, DELIVERED, FAILED, DEAD_LETTER, DISCARDED
}
