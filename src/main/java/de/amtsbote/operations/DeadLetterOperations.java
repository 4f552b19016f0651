package de.amtsbote.operations;

import de.amtsbote.attachments.AttachmentStore;
import de.amtsbote.delivery.DeliveryHeaders;
import de.amtsbote.delivery.DeliveryProperties;
import de.amtsbote.tracking.DeadLetter;
import de.amtsbote.tracking.DeadLetterStore;
import de.amtsbote.tracking.SubmissionStatus;
import de.amtsbote.tracking.TrackingId;
import de.amtsbote.tracking.TrackingStore;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What an operator does with dead letters. A replay puts the message back on its destination's queue with its
 * tracking id, so its history continues; a discard removes it (and the documents kept beside it) and keeps the
 * reason in the history.
 */
@Service
public class DeadLetterOperations {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterOperations.class);

    private final DeadLetterStore deadLetters;
    private final TrackingStore tracking;
    private final DeliveryProperties delivery;
    private final ProducerTemplate camel;
    private final AttachmentStore attachments;

    DeadLetterOperations(DeadLetterStore deadLetters, TrackingStore tracking, DeliveryProperties delivery,
                         ProducerTemplate camel, AttachmentStore attachments) {
        this.attachments = attachments;
        this.deadLetters = deadLetters;
        this.tracking = tracking;
        this.delivery = delivery;
        this.camel = camel;
    }

    /**
     * The status changes in the transaction that holds the dead letter, before the send: a delivery faster than
     * the commit waits for it, and its DELIVERED comes after this QUEUED.
     *
     * @return false when there is no such dead letter
     */
    public boolean replay(TrackingId trackingId) {
        boolean replayed = deadLetters.take(trackingId, letter -> {
            tracking.changed(trackingId, SubmissionStatus.QUEUED, "Replayed from the dead-letter store by an operator");
            requeue(letter);
        });
        if (replayed) {
            log.info("Dead letter {} replayed", trackingId);
        }
        return replayed;
    }

    /** Replays every dead letter of one destination, oldest first (so cases keep their order). */
    public int replayAll(String destination) {
        List<TrackingId> trackingIds = deadLetters.trackingIds(destination);
        int replayed = 0;
        for (TrackingId trackingId : trackingIds) {
            replayed += replay(trackingId) ? 1 : 0;
        }
        log.info("Replayed {} dead letters of {}", replayed, destination);
        return replayed;
    }

    /** @return false when there is no such dead letter */
    public boolean discard(TrackingId trackingId, String reason) {
        boolean discarded = deadLetters.take(trackingId, letter ->
                tracking.changed(trackingId, SubmissionStatus.DISCARDED, "Discarded by an operator: " + reason));
        if (discarded) {
            attachments.delete(trackingId);
            log.info("Dead letter {} discarded: {}", trackingId, reason);
        }
        return discarded;
    }

    private void requeue(DeadLetter letter) {
        Exchange sent = camel.send("jms:queue:" + delivery.queueFor(letter.destination())
                + "?exchangePattern=InOnly&jmsMessageType=Bytes", exchange -> {
                    exchange.getMessage().setHeaders(letter.headers());
                    // a replay starts afresh: its attempts and its waits for an earlier message of the case
                    exchange.getMessage().removeHeaders(DeliveryHeaders.LAST_ERROR + "|" + DeliveryHeaders.ATTEMPTS
                            + "|" + DeliveryHeaders.WAITS);
                    exchange.getMessage().setHeader(DeliveryHeaders.GROUP_ID,
                            letter.caseReference() != null ? letter.caseReference() : letter.messageId());
                    // a new id: the broker may still remember the first send's
                    exchange.getMessage().setHeader(DeliveryHeaders.DUPLICATE_ID, letter.trackingId() + "/" + UUID.randomUUID());
                    exchange.getMessage().setBody(letter.payload());
                });
        if (sent.getException() != null) {
            throw new IllegalStateException("The broker did not take the replayed message", sent.getException());
        }
    }
}
