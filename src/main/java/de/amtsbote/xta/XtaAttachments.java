package de.amtsbote.xta;

import de.amtsbote.attachments.AttachmentProperties;
import de.amtsbote.attachments.AttachmentStore;
import de.amtsbote.attachments.StoredAttachment;
import de.amtsbote.intake.DocumentLimits;
import de.amtsbote.intake.Intake;
import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Base64;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.attachment.AttachmentMessage;
import org.w3c.dom.Element;

/**
 * The documents beside the XÖV message in a GenericContentContainer: its {@code Attachment} elements, each taken as
 * the document whose {@code dokumentid} is the attachment's {@code id} (or, without one, its {@code filename}). The
 * content is an MTOM part (streamed from CXF's copy to the store, never whole in memory) or inline base64. The intake
 * then checks them against the message's declarations, as at the multipart door. The documents the hub sends go the
 * same way, as MTOM parts.
 */
final class XtaAttachments {

    private XtaAttachments() {
    }

    /**
     * Stores the container's attachments, if it has any, as the documents of the submission on its way to the
     * intake ({@link Intake#ATTACHMENTS}, which the answer intake reads too), within the hub's limits on documents.
     * {@link #close} afterwards.
     */
    static void receive(Element container, Exchange exchange, AttachmentStore store, AttachmentProperties limits)
            throws IOException {
        List<Element> attachments = attachments(container);
        if (attachments.isEmpty()) {
            return;
        }
        AttachmentStore.Incoming incoming = store.receive();
        exchange.setProperty(Intake.ATTACHMENTS, incoming);
        DocumentLimits documents = new DocumentLimits(limits, incoming);
        for (Element attachment : attachments) {
            String id = !attachment.getAttribute("id").isBlank() ? attachment.getAttribute("id").strip()
                    : attachment.getAttribute("filename").strip();
            if (id.isEmpty()) {
                throw new XtaContentException("An Attachment has neither id nor filename: the hub cannot tell which"
                        + " document of the message it is");
            }
            try (InputStream in = content(attachment, exchange); OutputStream out = documents.open(id)) {
                in.transferTo(out);
            }
        }
    }

    /**
     * The documents of a container the hub sends ({@link XtaMessages#container}) as MTOM parts of the SOAP
     * message, streamed from the attachment store when CXF writes them.
     */
    static void send(Exchange exchange, List<StoredAttachment> documents) {
        AttachmentMessage message = exchange.getMessage(AttachmentMessage.class);
        for (StoredAttachment document : documents) {
            message.addAttachment(document.partName(), new DataHandler(new FileDataSource(document.file().toFile())));
        }
    }

    /** What the intake kept is in the store under the tracking id; the rest of the incoming folder goes. */
    static void close(Exchange exchange) {
        AttachmentStore.Incoming incoming = exchange.getProperty(Intake.ATTACHMENTS, AttachmentStore.Incoming.class);
        if (incoming != null) {
            incoming.close();
        }
    }

    private static InputStream content(Element attachment, Exchange exchange) throws IOException {
        Element include = XtaMessages.child(attachment, XtaMessages.XOP, "Include");
        if (include == null) {
            try {
                return new ByteArrayInputStream(Base64.getMimeDecoder().decode(attachment.getTextContent().strip()));
            } catch (IllegalArgumentException notBase64) {
                throw new XtaContentException("The content of Attachment " + attachment.getAttribute("id")
                        + " is not base64: " + notBase64.getMessage());
            }
        }
        AttachmentMessage message = exchange.getMessage(AttachmentMessage.class);
        DataHandler part = message == null ? null : message.getAttachment(XtaMessages.contentId(include));
        if (part == null) {
            throw new XtaContentException("An Attachment names the MTOM part " + include.getAttribute("href")
                    + ", which the request does not carry");
        }
        return part.getInputStream();
    }

    private static List<Element> attachments(Element container) {
        Element content = XtaMessages.child(container, XtaMessages.XTA, "ContentContainer");
        return content == null ? List.of() : XtaMessages.children(content, XtaMessages.XTA, "Attachment");
    }
}
