package de.amtsbote.intake;

import org.springframework.util.unit.DataSize;

/** The body is larger than {@code amtsbote.intake.max-body-size}. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(DataSize limit) {
        super("The submission is larger than the limit of " + limit.toMegabytes() + " MB");
    }
}
