package de.amtsbote.tracking;

/**
 * Where a submission is. ACCEPTED: valid and recorded, not yet confirmed by the broker. QUEUED: durably on its
 * destination's queue. DELIVERED: the specialist system confirmed it. FAILED: the last attempt failed and the
 * broker will try again. DEAD_LETTER: no more attempts, kept in the dead-letter store; an operator must act.
 * DISCARDED: an operator removed it from the dead-letter store, with a reason.
 */
public enum SubmissionStatus {
    ACCEPTED, QUEUED, DELIVERED, FAILED, DEAD_LETTER, DISCARDED
}
