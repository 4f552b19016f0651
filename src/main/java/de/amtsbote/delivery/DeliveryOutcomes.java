package de.amtsbote.delivery;

import java.time.Instant;

/**
 * What became of each delivery attempt, told by the delivery routes where they know it. Implemented outside this
 * package (metrics, destination health); the routes do not depend on who listens. Implementations are called on
 * the delivery thread inside the JMS transaction: they must be quick and must not throw.
 */
public interface DeliveryOutcomes {

    /**
     * The specialist system confirmed the message.
     *
     * @param acceptedAt when the hub accepted the submission, or null if the message does not say
     */
    void delivered(String destination, int attempt, Instant acceptedAt);

    /** An attempt failed; the broker will redeliver it. */
    void failed(String destination, int attempt);

    /**
     * An attempt failed and no attempt is left, or the failure was permanent: the message went to the dead letters.
     *
     * @param attempt 0 when the message was never attempted: an earlier message of its case did not arrive
     */
    void deadLettered(String destination, int attempt);
}
