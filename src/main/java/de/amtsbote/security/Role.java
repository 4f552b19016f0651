package de.amtsbote.security;

/** What a client of the hub is; each API is open to one or more of these. */
public enum Role {
    /** A portal that submits citizens' applications and reads what became of its own. */
    PORTAL,
    /** The city's digital office: dead letters, every submission, metrics, answers that matched no submission. */
    OPERATOR,
    /**
     * A specialist system that answers submissions (formal check results, receipts, decisions) for the connectors
     * it is registered for; configured as {@code roles: [specialist-system]}.
     */
    SPECIALIST_SYSTEM;

    /** The authority Spring Security checks for this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
