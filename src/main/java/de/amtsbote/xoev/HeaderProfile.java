package de.amtsbote.xoev;

import java.util.List;
import javax.xml.namespace.QName;

/**
 * Where one XÖV standard keeps its message header: configured per standard and version (files under
 * {@code routes/standards/}), because XBau, XBeteiligung, XPersonenstand, xdomea and XJustiz all differ.
 *
 * <p>The header is a child of the root element named {@link #header()} ({@code {namespace}local} when it
 * is qualified). Paths are element local names separated by {@code /}, relative to the header element.
 *
 * @param namespaces    root element namespaces this profile reads (a standard's version has its own namespace)
 * @param caseReference paths relative to the root (local names) of the element naming the case a message belongs
 *                      to, one per message shape; the first found in the message counts. Empty: every message is
 *                      a case of its own.
 * @param answerReference paths relative to the root (local names) of the element that names, in an answer, the
 *                      nachrichtenUUID of the message it answers; the first found counts. Read only for answers.
 */
public record HeaderProfile(String id, String standard, String version, List<String> namespaces,
                            String header, Paths paths, PartyPaths party, List<String> caseReference,
                            List<String> answerReference) {

    public HeaderProfile {
        caseReference = caseReference == null ? List.of() : List.copyOf(caseReference);
        answerReference = answerReference == null ? List.of() : List.copyOf(answerReference);
    }

    public record Paths(String messageId, String messageType, String createdAt, String author, String reader) {
    }

    /** Paths inside an author or reader element. */
    public record PartyPaths(String directory, String id, String name) {
    }

    public QName headerName() {
        return QName.valueOf(header);
    }
}
