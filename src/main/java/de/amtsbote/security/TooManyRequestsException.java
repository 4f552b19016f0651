package de.amtsbote.security;

/** A client over its rate or concurrency limit: 429, try again in a second. */
public class TooManyRequestsException extends RuntimeException {

    private final String clientId;

    TooManyRequestsException(String clientId, String message) {
        super(message, null, false, false);
        this.clientId = clientId;
    }

    public String clientId() {
        return clientId;
    }
}
