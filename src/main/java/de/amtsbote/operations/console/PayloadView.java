package de.amtsbote.operations.console;

import de.amtsbote.xoev.SecureXml;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A payload prepared for the console: its text (shown escaped, never as markup), cut at {@link #SHOWN_BYTES}, and
 * the attachments it declares. XBau declares attachments by metadata ({@code anhang}: id, file name, size, hash);
 * their content travels beside the message, not in it, so the hub has nothing of them to show but the metadata.
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
        List<Attachment> found = new ArrayList<>();
        try {
            XMLStreamReader xml = SecureXml.rejectingDoctype(
                    SecureXml.inputFactory().createXMLStreamReader(new ByteArrayInputStream(payload)));
            String size = null;
            String hash = null;
            String documentId = null;
            String fileName = null;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String element = xml.getLocalName();
                    if ("anhang".equals(element)) {
                        size = xml.getAttributeValue(null, "filesize");
                        hash = xml.getAttributeValue(null, "hashValue");
                        documentId = null;
                        fileName = null;
                    } else if ("dokumentid".equals(element)) {
                        documentId = xml.getElementText();
                    } else if ("dateiname".equals(element)) {
                        fileName = xml.getElementText();
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && "anhang".equals(xml.getLocalName())) {
                    found.add(new Attachment(documentId, fileName, size, hash));
                }
            }
            xml.close();
        } catch (XMLStreamException | RuntimeException e) {
            return found;
        }
        return found;
    }
}
