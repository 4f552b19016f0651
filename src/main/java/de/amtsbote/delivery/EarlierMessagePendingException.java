package de.amtsbote.delivery;

/** An earlier message of the same case is not delivered yet: this one tries again later, after it. */
class EarlierMessagePendingException extends RuntimeException {

    EarlierMessagePendingException(String earlierMessageId) {
        super("Waiting for the earlier message " + earlierMessageId + " of the same case");
    }
}
