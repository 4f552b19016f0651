package de.amtsbote.intake;

/** A multipart submission that cannot be read as one: no boundary, no message part, a broken part. Answered 400. */
public class MalformedMultipartException extends RuntimeException {

    public MalformedMultipartException(String message) {
        super(message);
    }

    public MalformedMultipartException(String message, Throwable cause) {
        super(message, cause);
    }
}
