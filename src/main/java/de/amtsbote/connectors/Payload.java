package de.amtsbote.connectors;

/** What a destination receives for one message: the mapping's result and its media type. */
public record Payload(byte[] content, String contentType) {
}
