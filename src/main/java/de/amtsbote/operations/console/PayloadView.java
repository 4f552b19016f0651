package de.amtsbote.operations.console;

import de.amtsbote.attachments.DeclaredDocument;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.stream.XMLStreamException;

/**
 * A payload prepared for the console: its text (shown escaped, never as markup), cut at {@link #SHOWN_BYTES}, and
 * the attachments it declares. XBau declares attachments by metadata ({@code anhang}: id, file name, size, hash);
 * their content travels beside the message (in the attachment store until delivered), and the console shows only
 * the metadata.
 */
record PayloadView(String text, boolean truncated, long size, List<Attachment> attachments) {

    static final int SHOWN_BYTES = 256 * 1024;

    record Attachment(String documentId, String fileName, String fileSize, String sha256) {
    }

    static PayloadView of(byte[] payload) {
        boolean truncated = payload.length > SHOWN_BYTES;
        String text = new String(payload, 0, Math.min(payload.length, SHOWN_BYTES), StandardCharsets.UTF_8);
        return new PayloadView(text, truncated, payload.length, attachments(payload));
    }

    /** The attachments the message declares; none when it cannot be read (it is shown as text all the same). */
    private static List<Attachment> attachments(byte[] payload) {
        try {
            return DeclaredDocument.in(payload).stream().map(document -> new Attachment(document.documentId(),
                    document.fileName(), document.declaredSize(), document.sha256())).toList();
        } catch (XMLStreamException | RuntimeException e) {
            return List.of();
        }
    }
}
