package de.amtsbote.attachments;

/**
 * The documents that came with a submission do not match what its message declares: another size or hash, a
 * declared document without a part, a part no document declares. Answered with 422 naming the document.
 */
public class AttachmentMismatchException extends RuntimeException {

    private final String documentId;

    public AttachmentMismatchException(String documentId, String message) {
        super(message);
        this.documentId = documentId;
    }

    public String documentId() {
        return documentId;
    }
}
