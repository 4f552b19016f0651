package de.amtsbote.xta;

import java.util.ArrayList;
import java.util.List;

/**
 * What XTA's MessageMetaData says about a message: its transport id, who wrote it for whom, and the service,
 * business scenario and message type it is qualified with. Any field may be null when the sender left it out.
 */
record XtaMetaData(String messageId, String author, String reader, String service, String businessScenario,
                   String messageType, boolean test) {

    /** The history entries of the submission the message becomes. */
    List<String> details(String via) {
        List<String> details = new ArrayList<>();
        details.add(limit("XTA message " + orNone(messageId) + " " + via + ": author " + orNone(author) + ", reader "
                + orNone(reader) + ", service " + orNone(service) + ", business scenario " + orNone(businessScenario)
                + ", message type " + orNone(messageType) + (test ? ", test message" : "")));
        return details;
    }

    private static String orNone(String value) {
        return value == null ? "(none)" : value;
    }

    /** A history entry holds at most 2000 characters; the parts come from outside. */
    private static String limit(String detail) {
        return detail.length() <= 2000 ? detail : detail.substring(0, 1997) + "...";
    }
}
