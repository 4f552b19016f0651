package de.amtsbote.legacy;

import com.thoughtworks.xstream.annotations.XStreamAlias;
import java.time.Instant;
import java.util.Objects;

/**
 * The receipt a legacy specialist system returns for a delivered case, in its own XML shape:
 * <pre>{@code
 * <receipt>
 *   <caseNumber>BA-2026-000123</caseNumber>
 *   <received>2026-11-25T09:15:30Z</received>
 *   <status>RECEIVED</status>
 * </receipt>
 * }</pre>
 * A class rather than a record: XStream 1.4 cannot set the fields of a record.
 */
@XStreamAlias("receipt")
public final class LegacyReceipt {

    private final String caseNumber;
    private final Instant received;
    private final String status;

    /**
     * @param caseNumber the system's reference for the case
     * @param received   when the system took the case
     * @param status     the system's own status code, as it sent it
     */
    public LegacyReceipt(String caseNumber, Instant received, String status) {
        this.caseNumber = caseNumber;
        this.received = received;
        this.status = status;
    }

    public String caseNumber() {
        return caseNumber;
    }

    public Instant received() {
        return received;
    }

    public String status() {
        return status;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LegacyReceipt that && Objects.equals(caseNumber, that.caseNumber)
                && Objects.equals(received, that.received) && Objects.equals(status, that.status);
    }

    @Override
    public int hashCode() {
        return Objects.hash(caseNumber, received, status);
    }

    @Override
    public String toString() {
        return "LegacyReceipt[caseNumber=" + caseNumber + ", received=" + received + ", status=" + status + "]";
    }
}
