package de.amtsbote.answers;

import de.amtsbote.attachments.StoredAttachment;
import java.util.List;
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
     * Puts the answer, and the documents beside it, on the exchange as this channel sends them.
     *
     * @return the Camel endpoint to send it to
     */
    String prepare(Exchange exchange, String trackingId, String answerId, byte[] answer, List<StoredAttachment> documents);

    /** For the answer's history: where it went. */
    String describe(String trackingId);
}
