package de.amtsbote.intake;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;

/**
 * What a failed send to the broker means for the submission. Mostly the broker did not take it (no connection, a
 * closed session, a refusal). But when the connection breaks while the send waits for the broker's confirmation,
 * Artemis unblocks it with AMQ219016 (or gives up waiting with AMQ219014), and the message may be on the broker's
 * disk all the same: it will be delivered, so its tracking record must stay.
 */
final class EnqueueFailures {

    private EnqueueFailures() {
    }

    /** True if the broker may have the message although the send failed. */
    static boolean mayBeQueued(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ActiveMQException artemis) {
                return artemis.getType() == ActiveMQExceptionType.UNBLOCKED
                        || artemis.getType() == ActiveMQExceptionType.CONNECTION_TIMEDOUT;
            }
        }
        return false;
    }
}
