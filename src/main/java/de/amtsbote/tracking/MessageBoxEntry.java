package de.amtsbote.tracking;

import de.amtsbote.attachments.DeclaredDocument;
import java.time.Instant;
import java.util.List;

/**
 * A message in a destination's message box, without its content.
 *
 * @param acceptedAt when the hub accepted the submission; null when the queued message did not say
 * @param putAt      when the delivery route put it into the box
 * @param closedAt   when the specialist system closed it (then it counts as delivered); null while pending
 * @param closedBy   the client that closed it
 * @param documents  the documents beside the message, as it declares them; fetched by their SHA-256
 */
public record MessageBoxEntry(String destination, String trackingId, String messageId, String connector,
                              String contentType, long size, Instant acceptedAt, Instant putAt, Instant closedAt,
                              String closedBy, List<DeclaredDocument> documents) {

    public boolean closed() {
        return closedAt != null;
    }
}
