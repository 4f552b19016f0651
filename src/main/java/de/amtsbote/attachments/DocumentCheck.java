package de.amtsbote.attachments;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The documents that came beside a message (a submission or an answer) must be exactly those it declares, each with
 * its declared size and SHA-256.
 */
public final class DocumentCheck {

    private DocumentCheck() {
    }

    /** @throws AttachmentMismatchException naming the first document that differs, is missing, or is not declared */
    public static void matches(Map<String, ReceivedAttachment> received, List<DeclaredDocument> declared) {
        Set<String> declaredIds = new HashSet<>();
        for (DeclaredDocument document : declared) {
            String id = document.documentId();
            declaredIds.add(id);
            ReceivedAttachment part = received.get(id);
            if (part == null) {
                throw new AttachmentMismatchException(id, "Document " + id + " is declared by the message but no part carries it");
            }
            if (document.size() == null || document.size() != part.size()) {
                throw new AttachmentMismatchException(id, "Document " + id + " has " + part.size()
                        + " bytes, the message declares filesize " + document.declaredSize());
            }
            if (document.sha256() == null || !document.sha256().trim().equalsIgnoreCase(part.sha256())) {
                throw new AttachmentMismatchException(id, "Document " + id + " has SHA-256 " + part.sha256()
                        + ", the message declares hashValue " + document.sha256());
            }
        }
        for (String id : received.keySet()) {
            if (!declaredIds.contains(id)) {
                throw new AttachmentMismatchException(id, "Part " + id + " is no document the message declares");
            }
        }
    }
}
