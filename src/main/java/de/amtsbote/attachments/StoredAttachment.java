package de.amtsbote.attachments;

import java.nio.file.Path;
import java.text.Normalizer;

/** A declared document kept for delivery: what the message says of it, and where its bytes are. */
public record StoredAttachment(DeclaredDocument document, Path file) {

    /**
     * A name for the document in a folder or a multipart part: the message's {@code dokumentid} and
     * {@code dateiname} reduced to ASCII letters, digits, dot, dash and underscore (umlauts transliterated), so
     * that no client's name can reach another folder or a hidden file, and every receiver reads it alike.
     */
    public String safeName() {
        String fileName = document.fileName() == null ? "" : "-" + safe(document.fileName());
        return safe(document.documentId()) + fileName;
    }

    /** The document's id as a multipart part's name. */
    public String partName() {
        return safe(document.documentId());
    }

    static String safe(String name) {
        String german = name.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("Ä", "Ae")
                .replace("Ö", "Oe").replace("Ü", "Ue").replace("ß", "ss");
        String cleaned = Normalizer.normalize(german, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[.]+", "_");
        return cleaned.length() > 100 ? cleaned.substring(0, 100) : cleaned.isEmpty() ? "_" : cleaned;
    }
}
