package de.amtsbote.xta;

import jakarta.activation.DataHandler;
import jakarta.annotation.Resource;
import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.Provider;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.WebServiceProvider;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.soap.SOAPBinding;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.transform.Source;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.cxf.headers.Header;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The SendXtaPort of the fake XTA server: it records what the hub sends (the answers going back to service-bw),
 * and can fail the next calls with a server fault, as an XTA server that is away would.
 */
@WebServiceProvider(serviceName = "XTAService", portName = "SendXtaPort", targetNamespace = XtaMessages.XTA,
        wsdlLocation = "classpath:wsdl/xta/xta.wsdl")
@ServiceMode(Service.Mode.PAYLOAD)
@BindingType(SOAPBinding.SOAP12HTTP_BINDING)
public class FakeXtaSendPort implements Provider<Source> {

    /**
     * One message received: its MessageMetaData as XML text, the XÖV message it carried, and the documents beside it
     * by their Attachment id (inline, or the MTOM part its xop:Include names), and which of them came as MTOM parts.
     */
    record Sent(String metaData, byte[] message, Map<String, byte[]> attachments, Set<String> mtomParts) {
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();

    @Resource
    private WebServiceContext context;

    @Override
    public Source invoke(Source request) {
        calls.incrementAndGet();
        if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw new WebServiceException("XTA server busy (test)");
        }
        try {
            DOMResult body = new DOMResult();
            TransformerFactory.newInstance().newTransformer().transform(request, body);
            Node root = body.getNode();
            Element container = root instanceof org.w3c.dom.Document doc ? doc.getDocumentElement() : (Element) root;
            @SuppressWarnings("unchecked")
            List<Header> headers = (List<Header>) context.getMessageContext().get(Header.HEADER_LIST);
            Element metaData = headers.stream().filter(header -> XtaMessages.MESSAGE_META_DATA.equals(header.getName()))
                    .map(header -> (Element) header.getObject()).findFirst()
                    .orElseThrow(() -> new WebServiceException("no MessageMetaData"));
            String message = container.getElementsByTagNameNS(XtaMessages.XTA, "Message").item(0).getTextContent();
            Map<String, byte[]> attachments = new LinkedHashMap<>();
            Set<String> mtomParts = new HashSet<>();
            NodeList elements = container.getElementsByTagNameNS(XtaMessages.XTA, "Attachment");
            for (int i = 0; i < elements.getLength(); i++) {
                Element attachment = (Element) elements.item(i);
                attachments.put(attachment.getAttribute("id"), content(attachment));
                if (attachment.getElementsByTagNameNS(XtaMessages.XOP, "Include").getLength() > 0) {
                    mtomParts.add(attachment.getAttribute("id"));
                }
            }
            sent.add(new Sent(text(metaData), Base64.getMimeDecoder().decode(message.strip()), attachments, mtomParts));
            return null; // sendMessage answers with an empty body
        } catch (WebServiceException e) {
            throw e;
        } catch (Exception e) {
            throw new WebServiceException(e);
        }
    }

    private byte[] content(Element attachment) throws IOException {
        NodeList include = attachment.getElementsByTagNameNS(XtaMessages.XOP, "Include");
        if (include.getLength() == 0) {
            return Base64.getMimeDecoder().decode(attachment.getTextContent().strip());
        }
        @SuppressWarnings("unchecked")
        Map<String, DataHandler> parts = (Map<String, DataHandler>) context.getMessageContext()
                .get(MessageContext.INBOUND_MESSAGE_ATTACHMENTS);
        String contentId = XtaMessages.contentId((Element) include.item(0));
        DataHandler part = parts == null ? null : parts.get(contentId);
        if (part == null) {
            throw new WebServiceException("no MTOM part " + contentId + " among " + (parts == null ? "none" : parts.keySet()));
        }
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    List<Sent> sent() {
        return List.copyOf(sent);
    }

    int calls() {
        return calls.get();
    }

    void failNext(int times) {
        failuresLeft.set(times);
    }

    private static String text(Element element) throws Exception {
        StringWriter xml = new StringWriter();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(element), new StreamResult(xml));
        return xml.toString();
    }
}
