package de.amtsbote.intake;

import org.springframework.util.unit.DataSize;

/** The body is larger than {@code amtsbote.intake.max-body-size}, or a document than the attachment limits. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(DataSize limit) {
        this("The submission", limit);
    }

    public PayloadTooLargeException(String what, DataSize limit) {
        this(what + " is larger than the limit of " + limit.toMegabytes() + " MB");
    }

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
