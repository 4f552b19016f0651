package de.amtsbote.intake;

import de.amtsbote.attachments.AttachmentMismatchException;
import de.amtsbote.security.AccessRefusedException;
import de.amtsbote.security.TooManyRequestsException;
import de.amtsbote.xoev.InvalidMessageException;
import de.amtsbote.xoev.MalformedXmlException;
import de.amtsbote.xoev.SchematronViolationException;
import de.amtsbote.xoev.UnknownCodeException;
import de.amtsbote.xoev.UnsupportedMessageException;
import org.apache.catalina.connector.ClientAbortException;

/**
 * How a door (the REST API, the XTA reader, the XTA push endpoint) hands a submission to the intake route: the body
 * is the message's bytes, {@link #CLIENT} the authenticated client; the route answers with a {@link Receipt} or
 * the exception of the step that refused it.
 */
public final class Intake {

    public static final String ENDPOINT = SubmissionIntakeRoute.ENDPOINT;
    /** The authenticated {@link de.amtsbote.security.Client} that sends the submission. */
    public static final String CLIENT = SubmissionIntakeRoute.CLIENT;
    /**
     * Optional: what the transport said about the message (a {@code List<String>}, e.g. the XTA message id and
     * parties), recorded in the history of a newly accepted submission.
     */
    public static final String TRANSPORT_DETAILS = SubmissionIntakeRoute.TRANSPORT_DETAILS;
    /**
     * Optional: the {@link de.amtsbote.attachments.AttachmentStore.Incoming} documents that came beside the message;
     * the intake checks them against its declarations and keeps them. The door closes it afterwards.
     */
    public static final String ATTACHMENTS = SubmissionIntakeRoute.ATTACHMENTS;
    /** The problem type of a failure that is the hub's, not the message's: the sender should send again later. */
    public static final String UNAVAILABLE = "unavailable";

    private Intake() {
    }

    /** The problem type the sender gets for this refusal (see {@code ApiProblems}), or {@link #UNAVAILABLE}. */
    public static String problemType(Exception refused) {
        if (refused instanceof MalformedXmlException) {
            return "xml-not-well-formed";
        } else if (refused instanceof SchematronViolationException) {
            return "rules-violated";
        } else if (refused instanceof UnknownCodeException) {
            return "unknown-code";
        } else if (refused instanceof InvalidMessageException) {
            return "schema-invalid";
        } else if (refused instanceof UnsupportedMessageException) {
            return "no-connector";
        } else if (refused instanceof AttachmentMismatchException) {
            return "attachment-mismatch";
        } else if (refused instanceof MalformedMultipartException) {
            return "multipart-malformed";
        } else if (refused instanceof PayloadTooLargeException) {
            return "payload-too-large";
        } else if (refused instanceof ConflictingResendException) {
            return "conflicting-resend";
        } else if (refused instanceof AccessRefusedException) {
            return "forbidden";
        } else if (refused instanceof TooManyRequestsException) {
            return "too-many-requests";
        } else if (refused instanceof ClientAbortException) {
            return "client-gone";
        }
        return UNAVAILABLE; // not queued, not running, or a fault of the hub: all answered 503
    }

    /** True when the message itself (or its sender's rights) is the problem: sending it again cannot help. */
    public static boolean isRefusal(Exception failure) {
        return switch (problemType(failure)) {
            case UNAVAILABLE, "too-many-requests", "client-gone" -> false;
            default -> true;
        };
    }
}
