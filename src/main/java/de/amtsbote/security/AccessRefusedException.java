package de.amtsbote.security;

/**
 * A request an authenticated client may not make, found out past the security chain (which submission, which
 * connector). Answered with 403 and audited like the chain's own refusals.
 */
public class AccessRefusedException extends RuntimeException {

    private final String clientId;

    public AccessRefusedException(String clientId, String message) {
        super(message, null, false, false);
        this.clientId = clientId;
    }

    public String clientId() {
        return clientId;
    }
}
