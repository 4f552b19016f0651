package de.amtsbote.attachments;

import de.amtsbote.xoev.SecureXml;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A document a message declares as travelling beside it. XBau 2.6 declares each in
 * {@code anlagen/anlage/anhangOderVerlinkung/anhang}: attributes {@code filesize} and {@code hashValue} (SHA-256,
 * hex), children {@code dokumentid} and {@code dateiname}.
 *
 * @param size   in bytes, or null when the message does not say (or says something that is no number)
 * @param sha256 as the message states it, or null
 */
public record DeclaredDocument(String documentId, String fileName, String declaredSize, String sha256) {

    public Long size() {
        try {
            return declaredSize == null ? null : Long.valueOf(declaredSize.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The documents the message declares, in order; the message must be well-formed XML. */
    public static List<DeclaredDocument> in(byte[] xml) throws XMLStreamException {
        List<DeclaredDocument> found = new ArrayList<>();
        XMLStreamReader reader = SecureXml.rejectingDoctype(
                SecureXml.inputFactory().createXMLStreamReader(new ByteArrayInputStream(xml)));
        try {
            String size = null;
            String hash = null;
            String documentId = null;
            String fileName = null;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String element = reader.getLocalName();
                    if ("anhang".equals(element)) {
                        size = reader.getAttributeValue(null, "filesize");
                        hash = reader.getAttributeValue(null, "hashValue");
                        documentId = null;
                        fileName = null;
                    } else if ("dokumentid".equals(element)) {
                        documentId = reader.getElementText().trim();
                    } else if ("dateiname".equals(element)) {
                        fileName = reader.getElementText().trim();
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && "anhang".equals(reader.getLocalName())) {
                    found.add(new DeclaredDocument(documentId, fileName, size, hash));
                }
            }
        } finally {
            reader.close();
        }
        return found;
    }
}
