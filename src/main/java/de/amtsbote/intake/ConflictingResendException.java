package de.amtsbote.intake;

/**
 * A message id the hub already has, with other content. XÖV keeps the nachrichtenUUID for a resend and gives a
 * corrected message a new one, so this is a portal error, not a resend.
 */
public class ConflictingResendException extends RuntimeException {

    private final String trackingId;

    public ConflictingResendException(String messageId, String trackingId) {
        super("Message " + messageId + " was already submitted with other content (tracking id " + trackingId
                + "); a corrected message needs a new nachrichtenUUID");
        this.trackingId = trackingId;
    }

    public String trackingId() {
        return trackingId;
    }
}
