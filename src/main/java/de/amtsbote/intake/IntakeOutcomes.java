package de.amtsbote.intake;

/**
 * What a door of the intake answered, once per submission that reached it ({@link IntakeTally} tells). Implemented
 * outside this package (metrics); must be quick and must not throw.
 */
public interface IntakeOutcomes {

    /** The connector a refusal could not be put down to: the message was refused before a connector was chosen. */
    String NO_CONNECTOR = "none";

    /** A new submission was accepted and queued (202). @param door {@link Door#tag()} */
    void accepted(String door, String connector);

    /** A resend of a known submission was answered with the first one's receipt (200): nothing new was accepted. */
    void resent(String door, String connector);

    /**
     * The submission was not accepted.
     *
     * @param connector the connector chosen for it, or {@link #NO_CONNECTOR}
     * @param reason    a short kebab-case reason: the problem type the client got ({@code schema-invalid}, ...)
     */
    void rejected(String door, String connector, String reason);

    /** The doors a submission comes through. */
    enum Door {
        /** {@code POST /api/v1/submissions} */
        REST("rest"),
        /** XTA's sendMessage at {@code /services/xta/send} */
        XTA_PUSH("xta-push"),
        /** The XTA reader of an account, fetching from the city's XTA server */
        XTA_READER("xta-reader");

        private final String tag;

        Door(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }
}
