package de.amtsbote.intake;

/** The broker did not confirm a submission: the portal is asked to send it again. Logged where it happens. */
public class NotQueuedException extends RuntimeException {

    NotQueuedException(Throwable cause) {
        super("The broker did not confirm the submission", cause);
    }
}
