package de.amtsbote.intake;

/**
 * What the portals' door answered, told by the controller once per request that reached it. Implemented outside this
 * package (metrics); must be quick and must not throw.
 */
public interface IntakeOutcomes {

    /** The connector a refusal could not be put down to: the message was refused before a connector was chosen. */
    String NO_CONNECTOR = "none";

    /** A new submission was accepted and queued (202). */
    void accepted(String connector);

    /** A resend of a known submission was answered with the first one's receipt (200): nothing new was accepted. */
    void resent(String connector);

    /**
     * The submission was not accepted.
     *
     * @param connector the connector chosen for it, or {@link #NO_CONNECTOR}
     * @param reason    a short kebab-case reason: the problem type the client got ({@code schema-invalid}, ...)
     */
    void rejected(String connector, String reason);
}
