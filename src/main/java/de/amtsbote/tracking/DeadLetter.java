package de.amtsbote.tracking;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Map;

/**
 * A message the hub gave up delivering, kept whole until an operator replays or discards it.
 *
 * @param headers the hub's headers the message carried (tracking id, message id, connector, ...)
 * @param size    the payload's size in bytes
 * @param payload the message as queued; not part of listings
 */
public record DeadLetter(String trackingId, String messageId, String connector, String destination,
                         String caseReference, int attempts, String lastError, Instant deadAt,
                         Map<String, Object> headers, long size, @JsonIgnore byte[] payload) {
}
