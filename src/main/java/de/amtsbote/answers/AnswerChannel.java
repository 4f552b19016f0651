package de.amtsbote.answers;

import org.apache.camel.Exchange;

/**
 * A way back for answers other than a portal's callback URL: a submission that came in through a transport (XTA
 * from service-bw) gets its answers back through that transport, with the callback's reliability (the same queue,
 * transaction and broker-side retries).
 */
public interface AnswerChannel {

    /** Whether the submission came in this way, and its answers can go back this way. */
    boolean carries(String trackingId);

    /**
     * Puts the answer on the exchange as this channel sends it.
     *
     * @return the Camel endpoint to send it to
     */
    String prepare(Exchange exchange, String trackingId, String answerId, byte[] answer);

    /** For the answer's history: where it went. */
    String describe(String trackingId);
}
