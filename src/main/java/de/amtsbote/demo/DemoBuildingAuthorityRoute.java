package de.amtsbote.demo;

import jakarta.activation.DataHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import org.apache.camel.Exchange;
import org.apache.camel.attachment.AttachmentMessage;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.apache.cxf.binding.soap.SoapHeader;
import org.apache.cxf.staxutils.StaxUtils;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * A demo building authority (Baurechtsamt) behind the hub's SOAP delivery contract {@code wsdl/fachverfahren.wsdl}:
 * it registers each case and answers with a reference number. It stands in for the real specialist system on a
 * developer's machine and in tests.
 */
@Component
@ConditionalOnProperty(name = "amtsbote.demo.enabled", havingValue = "true")
class DemoBuildingAuthorityRoute extends RouteBuilder {

    private static final String NS = "urn:de:amtsbote:fachverfahren:1";

    private final DemoBuildingAuthority authority;
    private final DemoProperties properties;

    DemoBuildingAuthorityRoute(DemoBuildingAuthority authority, DemoProperties properties) {
        this.authority = authority;
        this.properties = properties;
    }

    @Override
    public void configure() {
        from("cxf:" + properties.path() + "?wsdlURL=classpath:wsdl/fachverfahren.wsdl"
                + "&serviceName={" + NS + "}FachverfahrenService&portName={" + NS + "}FachverfahrenPort"
                // synchronous: answered on the request's thread, not by an async dispatch through the filter chain again
                + "&dataFormat=PAYLOAD&synchronous=true")
                .routeId("demo-building-authority")
                // before the delivery routes: a message waiting in the journal goes to it as soon as they start
                .startupOrder(1)
                .streamCache("false") // the request is read once, here; a cached copy of it would only cost
                .description("Demo specialist system: registers building applications")
                .errorHandler(noErrorHandler()) // a test double: faults go back to the caller, not into this hub's error log
                .process(this::register).id("register-case");
    }

    private void register(Exchange exchange) throws Exception {
        @SuppressWarnings("unchecked")
        CxfPayload<SoapHeader> request = exchange.getMessage().getBody(CxfPayload.class);
        String messageId = messageId(request.getBodySources().get(0));
        if (messageId == null) {
            throw new IllegalArgumentException("uebermittlung without nachrichtenUUID");
        }
        List<DemoBuildingAuthority.Document> documents = documents(exchange);
        String reference = authority.register(messageId, documents);
        // as a specialist system's own log would: what arrived, so a run outside the tests can check it too
        documents.forEach(document -> log.info("Case {} came with document {}: {} bytes, SHA-256 {}", reference,
                document.contentId(), document.size(), document.sha256()));
        String quittung = "<quittung xmlns=\"" + NS + "\"><ergebnis>angenommen</ergebnis><aktenzeichen>"
                + reference + "</aktenzeichen></quittung>";
        exchange.getMessage().setBody(new CxfPayload<SoapHeader>(new ArrayList<>(),
                new ArrayList<>(List.of(new StreamSource(new StringReader(quittung)))), null));
    }

    /**
     * The first {@code nachrichtenUUID} of the case, read from the request as it streams in: the rest of it is not
     * needed, so no tree of it is built. The reader is CXF's, over the request: CXF closes it.
     */
    private static String messageId(Source submission) throws XMLStreamException {
        XMLStreamReader reader = StaxUtils.createXMLStreamReader(submission);
        while (reader.hasNext()) {
            if (reader.next() == XMLStreamConstants.START_ELEMENT && reader.getLocalName().equals("nachrichtenUUID")) {
                return reader.getElementText().strip();
            }
        }
        return null;
    }

    /** The MTOM attachments, each read once as a stream (a building plan may be larger than the heap) and hashed. */
    private static List<DemoBuildingAuthority.Document> documents(Exchange exchange) throws Exception {
        AttachmentMessage message = exchange.getMessage(AttachmentMessage.class);
        if (message == null || !message.hasAttachments()) {
            return List.of();
        }
        List<DemoBuildingAuthority.Document> documents = new ArrayList<>();
        for (Map.Entry<String, DataHandler> attachment : message.getAttachments().entrySet()) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(attachment.getValue().getInputStream(), sha256)) {
                long size = in.transferTo(OutputStream.nullOutputStream());
                documents.add(new DemoBuildingAuthority.Document(attachment.getKey(), size,
                        HexFormat.of().formatHex(sha256.digest())));
            }
        }
        return documents;
    }
}
