package de.amtsbote.intake;

/**
 * A message id the hub already has, with other content. XÖV keeps the nachrichtenUUID for a resend and gives a
 * corrected message a new one, so this is a portal error, not a resend.
 */
public class ConflictingResendException extends RuntimeException {

    private final String trackingId;

    static ConflictingResendException withOtherContent(String messageId, String trackingId) {
        return new ConflictingResendException("Message " + messageId + " was already submitted with other content"
                + " (tracking id " + trackingId + "); a corrected message needs a new nachrichtenUUID", trackingId);
    }

    private ConflictingResendException(String message, String trackingId) {
        super(message);
        this.trackingId = trackingId;
    }

    /** Another client's message: its tracking id is not this client's to know. */
    static ConflictingResendException ofAnotherClient(String messageId) {
        return new ConflictingResendException("Message id " + messageId + " is taken by another client's submission;"
                + " every message needs its own nachrichtenUUID", null);
    }

    public String trackingId() {
        return trackingId;
    }
}
