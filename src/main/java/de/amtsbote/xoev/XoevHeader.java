package de.amtsbote.xoev;

import java.time.OffsetDateTime;
import javax.xml.namespace.QName;

/**
 * What the hub needs to know about an XÖV message, read from its root element and its message header.
 *
 * @param root         the root element's qualified name: what the hub routes by, as the schema enforces it
 * @param profile      the id of the header profile used to read the header
 * @param messageId    the nachrichtenUUID: the idempotency key of the message
 * @param messageType  the header's type code, recorded beside the root (they do not always agree)
 * @param standard     the root's {@code standard} attribute, or the profile's standard when absent
 * @param version      the root's {@code version} attribute, or the profile's version when absent
 * @param test         true when the root carries a {@code test} attribute: not for production
 * @param caseReference the case this message belongs to (e.g. the application an amendment refers to), or null
 * @param answerReference for an answer read with {@link HeaderExtractor#extractAnswer}, the nachrichtenUUID of the
 *                      message it answers; otherwise null
 */
public record XoevHeader(QName root, String profile, String messageId, MessageType messageType,
                         OffsetDateTime createdAt, Party author, Party reader,
                         String standard, String version, boolean test, String caseReference,
                         String answerReference) {

    /** Messages of one case are delivered in order; a message without a case reference is a case of its own. */
    public String caseKey() {
        return caseReference != null ? caseReference : messageId;
    }

    /** The numeric code at the end of the root element's name (XÖV names messages {@code name.code}). */
    public String rootCode() {
        String local = root.getLocalPart();
        return local.substring(local.lastIndexOf('.') + 1);
    }

    public boolean typeCodeMatchesRoot() {
        return messageType != null && rootCode().equals(messageType.code());
    }
}
