package de.amtsbote.attachments;

/**
 * A document as it arrived, written to the store while hashed.
 *
 * @param documentId what the part names (its form field name, or its Content-ID)
 * @param size       bytes received
 * @param sha256     of the bytes received, lower-case hex
 */
public record ReceivedAttachment(String documentId, long size, String sha256) {
}
