package de.amtsbote.xta;

import jakarta.annotation.Resource;
import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.Provider;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.WebServiceProvider;
import jakarta.xml.ws.soap.SOAPBinding;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Source;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.stream.StreamSource;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.headers.Header;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.ws.addressing.WSAddressingFeature;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * An XTA server's message box for the tests, outside the hub: the MsgBoxPort of {@code wsdl/xta/xta.wsdl} served
 * by CXF on loopback (Jetty, a bus of its own), holding its messages in memory, beside its SendXtaPort and
 * ManagementPort. A message stays listed until it is
 * closed; the fake counts every fetch and close, and can refuse a message's first close (the hub crashing, or the
 * connection breaking, between getMessage and close).
 */
@WebServiceProvider(serviceName = "XTAService", portName = "MsgBoxPort", targetNamespace = XtaMessages.XTA,
        wsdlLocation = "classpath:wsdl/xta/xta.wsdl")
@ServiceMode(Service.Mode.PAYLOAD)
@BindingType(SOAPBinding.SOAP12HTTP_BINDING)
public class FakeXtaServer implements Provider<Source> {

    static final String READER = "dvdv:08111-0000";

    /** @param attachments documents beside the message, by their Attachment id, sent inline (base64) */
    private record Entry(String metaData, byte[] content, Map<String, byte[]> attachments) {
    }

    private final Map<String, Entry> box = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> closes = new ConcurrentHashMap<>();
    private final Set<String> refuseFirstClose = ConcurrentHashMap.newKeySet();
    private final List<String> authors = new ArrayList<>();
    private Bus bus;
    private Server server;
    private Server sendServer;
    private Server managementServer;
    private final FakeXtaSendPort sendPort = new FakeXtaSendPort();
    private final FakeXtaManagementPort managementPort = new FakeXtaManagementPort();

    @Resource
    private WebServiceContext context;

    /** Serves the box at http://127.0.0.1:port/xta/msgbox, its SendXtaPort at /xta/send, ManagementPort at /xta/management. */
    void start(int port) {
        bus = BusFactory.newInstance().createBus();
        server = serve(this, "http://127.0.0.1:" + port + "/xta/msgbox");
        sendServer = serve(sendPort, "http://127.0.0.1:" + port + "/xta/send");
        managementServer = serve(managementPort, "http://127.0.0.1:" + port + "/xta/management");
    }

    private Server serve(Object endpoint, String address) {
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setBus(bus);
        factory.setServiceBean(endpoint);
        factory.setAddress(address);
        factory.getFeatures().add(new WSAddressingFeature());
        return factory.create();
    }

    /** What the hub sent to the XTA server (its answers). */
    FakeXtaSendPort sendPort() {
        return sendPort;
    }

    /** The MessageIDs it handed out and whether the account is active. */
    FakeXtaManagementPort managementPort() {
        return managementPort;
    }

    void stop() {
        managementServer.destroy();
        sendServer.destroy();
        server.destroy();
        bus.shutdown(true);
    }

    /** Puts a message into the box, as the city's XTA server does when service-bw sends one; returns its XTA id. */
    synchronized String deliver(String xml) {
        return deliver(xml, Map.of());
    }

    /** A message with documents beside it, as XTA Attachment elements named by their ids. */
    synchronized String deliver(String xml, Map<String, byte[]> attachments) {
        String messageId = "urn:de:xta:messageid:" + UUID.randomUUID();
        box.put(messageId, new Entry(metaData(messageId), xml.getBytes(StandardCharsets.UTF_8), Map.copyOf(attachments)));
        return messageId;
    }

    void refuseFirstClose(String messageId) {
        refuseFirstClose.add(messageId);
    }

    int fetches(String messageId) {
        AtomicInteger count = fetches.get(messageId);
        return count == null ? 0 : count.get();
    }

    int closes(String messageId) {
        AtomicInteger count = closes.get(messageId);
        return count == null ? 0 : count.get();
    }

    synchronized boolean holds(String messageId) {
        return box.containsKey(messageId);
    }

    /** The account identifiers the hub presented (AuthorIdentifier header), one per call. */
    synchronized List<String> authors() {
        return List.copyOf(authors);
    }

    @Override
    public Source invoke(Source request) {
        Element body = dom(request);
        noteAuthor();
        return switch (body.getLocalName()) {
            case "MsgBoxStatusListRequest" -> statusList(Integer.parseInt(body.getAttribute("maxListItems")));
            case "MsgBoxFetchRequest" -> message(text(body, "MessageID"));
            case "MsgBoxCloseRequest" -> close(text(body, "LastMsgReceived"));
            default -> throw new WebServiceException("unknown request " + body.getLocalName());
        };
    }

    private synchronized Source statusList(int max) {
        StringBuilder list = new StringBuilder("<osci:MsgStatusList xmlns:osci=\"" + XtaMessages.OSCI + "\">");
        box.values().stream().limit(max).forEach(entry -> list.append(entry.metaData()));
        return source(list.append("</osci:MsgStatusList>").toString());
    }

    private synchronized Source message(String messageId) {
        Entry entry = box.get(messageId);
        if (entry == null) {
            throw new WebServiceException("InvalidMessageIDException: " + messageId);
        }
        fetches.computeIfAbsent(messageId, id -> new AtomicInteger()).incrementAndGet();
        List<Header> headers = new ArrayList<>();
        headers.add(new Header(XtaMessages.MESSAGE_META_DATA, dom(source(entry.metaData()))));
        context.getMessageContext().put(Header.HEADER_LIST, headers);
        return source("<xta:GenericContentContainer xmlns:xta=\"" + XtaMessages.XTA + "\"><xta:ContentContainer>"
                + "<xta:Message contentType=\"text/xml\" filename=\"antrag.xml\" size=\"" + entry.content().length + "\">"
                + Base64.getMimeEncoder().encodeToString(entry.content()) + "</xta:Message>"
                + entry.attachments().entrySet().stream().map(attachment -> "<xta:Attachment contentType=\"application/pdf\""
                        + " id=\"" + attachment.getKey() + "\">" + Base64.getMimeEncoder().encodeToString(attachment.getValue())
                        + "</xta:Attachment>").collect(Collectors.joining())
                + "</xta:ContentContainer></xta:GenericContentContainer>");
    }

    private synchronized Source close(String messageId) {
        closes.computeIfAbsent(messageId, id -> new AtomicInteger()).incrementAndGet();
        if (refuseFirstClose.remove(messageId)) {
            throw new WebServiceException("connection lost before the close was committed (test)");
        }
        box.remove(messageId);
        return null; // EmptyBody
    }

    private synchronized void noteAuthor() {
        @SuppressWarnings("unchecked")
        List<Header> headers = (List<Header>) context.getMessageContext().get(Header.HEADER_LIST);
        if (headers != null) {
            headers.stream().filter(header -> XtaMessages.AUTHOR.equals(header.getName()))
                    .map(header -> ((Element) header.getObject()).getTextContent().strip())
                    .forEach(authors::add);
        }
    }

    /** What service-bw's XTA client would send with an XBau building application. */
    private static String metaData(String messageId) {
        return "<oscimeta:MessageMetaData xmlns:oscimeta=\"" + XtaMessages.META + "\" xmlns:wsa=\"" + XtaMessages.WSA + "\">"
                + "<oscimeta:DeliveryAttributes><oscimeta:Origin>2026-11-25T10:00:00Z</oscimeta:Origin></oscimeta:DeliveryAttributes>"
                + "<oscimeta:Originators><oscimeta:Author><oscimeta:Identifier type=\"xoev\" name=\"service-bw\">"
                + "dvdv:08000-servicebw</oscimeta:Identifier></oscimeta:Author></oscimeta:Originators>"
                + "<oscimeta:Destinations><oscimeta:Reader><oscimeta:Identifier type=\"xoev\">" + READER
                + "</oscimeta:Identifier></oscimeta:Reader></oscimeta:Destinations>"
                + "<oscimeta:MsgIdentification><wsa:MessageID>" + messageId + "</wsa:MessageID></oscimeta:MsgIdentification>"
                + "<oscimeta:Qualifier><oscimeta:Service>urn:xoev-de:xleitstelle:standard:xbau</oscimeta:Service>"
                + "<oscimeta:BusinessScenario><oscimeta:Defined listURI=\"urn:de:dataport:codeliste:business.scenario\""
                + " listVersionID=\"1\"><code>XBAU_DATA</code></oscimeta:Defined></oscimeta:BusinessScenario>"
                + "<oscimeta:MessageType listURI=\"urn:xoev-de:xbau:codeliste:xbau-nachrichten\" listVersionID=\"2.6\""
                + " payloadSchema=\"http://www.xleitstelle.de/xbau/2/6\"><code>0200</code></oscimeta:MessageType>"
                + "</oscimeta:Qualifier></oscimeta:MessageMetaData>";
    }

    private static String text(Element parent, String localName) {
        return parent.getElementsByTagNameNS("*", localName).item(0).getTextContent().strip();
    }

    private static Source source(String xml) {
        return new StreamSource(new StringReader(xml));
    }

    private static Element dom(Source source) {
        try {
            if (source instanceof StreamSource stream && stream.getReader() != null) {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                Document doc = factory.newDocumentBuilder().parse(new InputSource(stream.getReader()));
                return doc.getDocumentElement();
            }
            DOMResult result = new DOMResult();
            TransformerFactory.newInstance().newTransformer().transform(source, result);
            Object node = result.getNode();
            return node instanceof Document doc ? doc.getDocumentElement() : (Element) node;
        } catch (Exception e) {
            throw new WebServiceException(e);
        }
    }
}
