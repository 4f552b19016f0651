package de.amtsbote.intake;

import de.amtsbote.attachments.AttachmentProperties;
import de.amtsbote.attachments.AttachmentStore;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The limits on the documents of one submission ({@code amtsbote.attachments.*}: how many, how large each, how large
 * together), enforced while they are written to the store, whichever door they came through.
 */
public final class DocumentLimits {

    private final AttachmentProperties limits;
    private final AttachmentStore.Incoming incoming;
    private int documents;
    private long total;

    public DocumentLimits(AttachmentProperties limits, AttachmentStore.Incoming incoming) {
        this.limits = limits;
        this.incoming = incoming;
    }

    /**
     * Where the next document's bytes go; writing past a limit throws {@link PayloadTooLargeException}. Close the
     * stream when the document is complete.
     */
    public OutputStream open(String documentId) throws IOException {
        if (++documents > limits.maxParts()) {
            throw new PayloadTooLargeException("The submission has more than " + limits.maxParts() + " documents");
        }
        long maxPart = limits.maxPartSize().toBytes();
        long maxTotal = limits.maxTotalSize().toBytes();
        return new FilterOutputStream(incoming.open(documentId)) {
            private long written;

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                written += length;
                total += length;
                if (written > maxPart) {
                    throw new PayloadTooLargeException("Document " + documentId, limits.maxPartSize());
                }
                if (total > maxTotal) {
                    throw new PayloadTooLargeException("All documents together are", limits.maxTotalSize());
                }
                out.write(bytes, offset, length);
            }

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }
        };
    }
}
