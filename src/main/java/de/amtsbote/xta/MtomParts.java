package de.amtsbote.xta;

import jakarta.activation.DataHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.attachment.AttachmentMessage;

/** The MTOM parts of a SOAP message as Camel CXF hands them over (PAYLOAD mode, mtomEnabled): by content id. */
final class MtomParts {

    private MtomParts() {
    }

    /** At most {@code limit} bytes of a part; a larger one is refused like a submission over the intake's limit. */
    static Function<String, byte[]> of(Exchange exchange, long limit) {
        return contentId -> {
            AttachmentMessage message = exchange.getMessage(AttachmentMessage.class);
            DataHandler part = message == null ? null : message.getAttachment(contentId);
            if (part == null) {
                return null;
            }
            try (InputStream in = part.getInputStream()) {
                byte[] bytes = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
                if (bytes.length > limit) {
                    throw new XtaContentException("The MTOM part " + contentId + " is larger than " + limit + " bytes");
                }
                return bytes;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
