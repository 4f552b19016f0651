package de.amtsbote.delivery;

import java.time.Duration;

/** An earlier message of the same case was not delivered while this one waited as long as attempts would have. */
class PredecessorNotDeliveredException extends RuntimeException {

    PredecessorNotDeliveredException(String earlierMessageId, Duration patience) {
        super("The earlier message " + earlierMessageId + " of the same case is still not delivered after " + patience
                + " of waiting for it");
    }
}
