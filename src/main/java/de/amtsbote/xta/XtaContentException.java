package de.amtsbote.xta;

import de.amtsbote.intake.Intake;

/** The XTA envelope is not as the interface demands (no message, no metadata, content not base64). */
class XtaContentException extends RuntimeException {

    XtaContentException(String message) {
        super(message);
    }

    /** The problem type an XTA door names for a failure: its own for an unreadable envelope, else the intake's. */
    static String problemType(Exception failure) {
        return failure instanceof XtaContentException ? "xta-content" : Intake.problemType(failure);
    }

    /** Whether the failure is the sender's: an unreadable envelope, or a refusal of the intake. */
    static boolean isRefusal(Exception failure) {
        return failure instanceof XtaContentException || Intake.isRefusal(failure);
    }
}
