package de.amtsbote.answers;

import java.time.Instant;
import java.util.List;

/**
 * An answer of a specialist system as portals and operators see it, with its history oldest first.
 *
 * @param trackingId          the submission it answers, or null when it matched none
 * @param referencedMessageId the nachrichtenUUID of the message it names as answered
 * @param caseReference       the case it names (the portal's referenzAntragsservice)
 * @param answeredBy          the specialist system's client id
 * @param payload             where its XML is
 */
public record Answer(String answerId, String trackingId, String messageId, String messageType, String rootElement,
                     String standard, String connector, String answeredBy, String referencedMessageId,
                     String caseReference, AnswerStatus status, int attempts, Instant receivedAt, String payload,
                     List<Event> history) {

    public boolean matched() {
        return trackingId != null;
    }

    Answer withHistory(List<Event> events) {
        return new Answer(answerId, trackingId, messageId, messageType, rootElement, standard, connector, answeredBy,
                referencedMessageId, caseReference, status, attempts, receivedAt, payload, List.copyOf(events));
    }

    public record Event(AnswerStatus status, Instant at, String detail) {
    }
}
