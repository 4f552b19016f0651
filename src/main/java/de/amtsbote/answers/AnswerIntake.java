package de.amtsbote.answers;

/**
 * How a door (REST, the SOAP answer door, XTA's sendMessage) hands a specialist system's answer to the answer intake
 * route: the body is the answer's bytes, {@link #CLIENT} the authenticated client; the route answers with an
 * {@link AnswerReceipt} or the exception of the step that refused it.
 */
public final class AnswerIntake {

    public static final String ENDPOINT = AnswerIntakeRoute.ENDPOINT;
    /** The authenticated {@link de.amtsbote.security.Client} that answers. */
    public static final String CLIENT = AnswerIntakeRoute.CLIENT;
    /**
     * Optional: the {@link de.amtsbote.attachments.AttachmentStore.Incoming} documents beside the answer (the same
     * property as a submission's); the intake checks them against its declarations and keeps them with the answer.
     * The door closes it afterwards.
     */
    public static final String ATTACHMENTS = AnswerIntakeRoute.ATTACHMENTS;

    private AnswerIntake() {
    }
}
