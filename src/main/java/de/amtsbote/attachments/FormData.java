package de.amtsbote.attachments;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hc.client5.http.entity.mime.ByteArrayBody;
import org.apache.hc.client5.http.entity.mime.FileBody;
import org.apache.hc.client5.http.entity.mime.HttpMultipartMode;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;

/**
 * A message and its documents as one multipart/form-data request the hub sends (to a REST destination, to a portal's
 * callback): the message in the part {@value #MESSAGE_PART}, each document in a part named by its dokumentid with
 * its file name, streamed from the attachment store.
 */
public final class FormData {

    public static final String MESSAGE_PART = "message";

    private FormData() {
    }

    public static HttpEntity of(byte[] message, String contentType, String fileName, List<StoredAttachment> documents) {
        // UTF-8 part headers (RFC 7578): XBau file names have umlauts
        MultipartEntityBuilder parts = MultipartEntityBuilder.create().setMode(HttpMultipartMode.EXTENDED)
                .setContentType(ContentType.create("multipart/form-data", StandardCharsets.UTF_8))
                .addPart(MESSAGE_PART, new ByteArrayBody(message, ContentType.create(contentType, StandardCharsets.UTF_8),
                        fileName));
        for (StoredAttachment document : documents) {
            parts.addPart(document.partName(), new FileBody(document.file().toFile(), ContentType.APPLICATION_OCTET_STREAM,
                    document.safeName()));
        }
        return parts.build();
    }
}
