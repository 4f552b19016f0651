package de.amtsbote.xoev;

/** The header's message type: an XÖV code with the code list it belongs to. */
public record MessageType(String code, String listUri, String listVersionId) {
}
