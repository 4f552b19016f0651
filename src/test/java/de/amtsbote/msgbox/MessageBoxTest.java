package de.amtsbote.msgbox;

import static de.amtsbote.ProtocolTestStandard.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.amtsbote.DemoClients;
import de.amtsbote.HubClient;
import de.amtsbote.HubTestSupport;
import de.amtsbote.ProtocolTestStandard;
import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.soap.AddressingFeature;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Source;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.stream.StreamSource;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.cxf.headers.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Message-box destinations: a specialist system that cannot take pushes pulls its messages over REST and over
 * XTA's MsgBoxPort (a JAX-WS client of CXF built from the hub's WSDL), and a message is DELIVERED only when it is
 * closed. The two test boxes are added while the hub runs, by a reload, as ProtocolsTest adds its destinations.
 */
class MessageBoxTest extends HubTestSupport {

    private static final String NS = ProtocolTestStandard.NAMESPACE;
    private static final String JSON_BOX = "test-msgbox";
    private static final String XML_BOX = "test-msgbox-xml";
    private static final String XTA = "http://xoev.de/transport/xta/211";
    private static final String OSCI = "http://www.osci.eu/ws/2008/05/transport";
    private static final String META = "http://www.osci.eu/ws/2014/10/transport";
    private static final String WSA = "http://www.w3.org/2005/08/addressing";
    private static final String ACTIONS = "http://www.osci.eu/ws/2008/05/transport/urn/messageTypes/";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Message ids whose first put is rolled back after the insert, as a crash before the commit would. */
    private static final Set<String> ROLL_BACK_ONCE = ConcurrentHashMap.newKeySet();
    private static boolean added;

    private final HubClient portal = new HubClient(PORT, "protocol-portal-key");
    private final HubClient puller = new HubClient(PORT, "pulling-system-key");
    private final HubClient otherSystem = new HubClient(PORT, "bauamt-key"); // a specialist system of ebauantrag
    private final HubClient operator = HubClient.operator(PORT);

    @Autowired
    private CamelContext camel;
    @Autowired
    private JdbcTemplate jdbc;

    @BeforeEach
    void addMessageBoxDestinations() throws Exception {
        if (added) {
            return;
        }
        ProtocolTestStandard.install();
        connector("protocol-msgbox", "test.postfach.0006", JSON_BOX, true);
        connector("protocol-msgbox-xml", "test.postfach.0007", XML_BOX, false);

        HubClient.Response reload = operator.post("/api/v1/connectors/reload");
        assertThat(reload.status()).as(reload.body()).isEqualTo(200);

        // the first put of a marked message is rolled back after its insert: the broker redelivers it
        AdviceWith.adviceWith(camel, "delivery-" + JSON_BOX, route -> route.weaveById("record-delivered-" + JSON_BOX)
                .before().process(exchange -> {
                    if (ROLL_BACK_ONCE.remove(exchange.getMessage().getHeader("amtsboteMessageId", String.class))) {
                        throw new IllegalStateException("rolled back after the insert, for the test");
                    }
                }));
        added = true;
    }

    @Test
    void aMessageIsListedFetchedAndDeliveredOnlyWhenClosed() throws Exception {
        String messageId = UUID.randomUUID().toString();
        String trackingId = accepted(message("test.postfach.0006", messageId, "ins Postfach"));

        JsonNode inBox = portal.awaitStatus(trackingId, "IN_MESSAGE_BOX");
        assertThat(HubClient.lastDetail(inBox)).contains("Put into message box " + JSON_BOX);

        JsonNode listed = entry(puller.get(messagesOf(JSON_BOX)), trackingId);
        assertThat(listed.get("messageId").asText()).isEqualTo(messageId);
        assertThat(listed.get("contentType").asText()).isEqualTo("application/json");
        assertThat(listed.get("closedAt").isNull()).isTrue();

        HubClient.Response fetched = puller.get(messagesOf(JSON_BOX) + "/" + trackingId);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.contentType()).startsWith("application/json");
        assertThat(JSON.readTree(fetched.body())).isEqualTo(JSON.readTree("{\"trackingId\":\"" + trackingId
                + "\",\"messageId\":\"" + messageId + "\",\"inhalt\":\"ins Postfach\"}"));
        assertThat(portal.status(trackingId).json().get("status").asText()).as("fetched is not delivered")
                .isEqualTo("IN_MESSAGE_BOX");

        HubClient.Response closed = puller.post(messagesOf(JSON_BOX) + "/" + trackingId + "/close");
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(closed.json().get("closedBy").asText()).isEqualTo("pulling-system");
        JsonNode delivered = portal.status(trackingId).json();
        assertThat(delivered.get("status").asText()).isEqualTo("DELIVERED");
        assertThat(HubClient.statuses(delivered)).containsSubsequence("QUEUED", "IN_MESSAGE_BOX", "DELIVERED");
        assertThat(HubClient.lastDetail(delivered)).contains("Closed in message box " + JSON_BOX + " by pulling-system");

        HubClient.Response again = puller.post(messagesOf(JSON_BOX) + "/" + trackingId + "/close");
        assertThat(again.status()).as("closing twice is fine").isEqualTo(200);
        assertThat(again.json().get("closedAt").asText()).isEqualTo(closed.json().get("closedAt").asText());
        assertThat(HubClient.statuses(portal.status(trackingId).json())).filteredOn("DELIVERED"::equals).hasSize(1);
        assertThat(trackingIds(puller.get(messagesOf(JSON_BOX)))).doesNotContain(trackingId);
        HubClient.Response gone = puller.get(messagesOf(JSON_BOX) + "/" + trackingId);
        assertThat(gone.status()).as("a closed message's content is not kept").isEqualTo(404);
        assertThat(gone.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theBoxListsOldestFirstWithinTheLimit() {
        String first = accepted(message("test.postfach.0007", UUID.randomUUID().toString(), "eins"));
        portal.awaitStatus(first, "IN_MESSAGE_BOX");
        String second = accepted(message("test.postfach.0007", UUID.randomUUID().toString(), "zwei"));
        portal.awaitStatus(second, "IN_MESSAGE_BOX");

        List<String> listed = trackingIds(puller.get(messagesOf(XML_BOX) + "?limit=500"));
        assertThat(listed).containsSubsequence(first, second);
        assertThat(trackingIds(puller.get(messagesOf(XML_BOX) + "?limit=1"))).hasSize(1);
        HubClient.Response xml = puller.get(messagesOf(XML_BOX) + "/" + second);
        assertThat(xml.contentType()).startsWith("application/xml");
        assertThat(xml.body()).contains("<pt:inhalt>zwei</pt:inhalt>");
    }

    @Test
    void anotherSpecialistSystemCannotListFetchOrCloseIt() {
        String trackingId = accepted(message("test.postfach.0006", UUID.randomUUID().toString(), "nicht für alle"));
        portal.awaitStatus(trackingId, "IN_MESSAGE_BOX");

        for (HubClient.Response refused : List.of(otherSystem.get(messagesOf(JSON_BOX)),
                otherSystem.get(messagesOf(JSON_BOX) + "/" + trackingId),
                otherSystem.post(messagesOf(JSON_BOX) + "/" + trackingId + "/close"))) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("type").asText()).isEqualTo("urn:amtsbote:problem:forbidden");
        }
        assertThat(portal.get(messagesOf(JSON_BOX)).status()).as("a portal").isEqualTo(403);
        assertThat(HubClient.anonymous(PORT).get(messagesOf(JSON_BOX)).status()).isEqualTo(401);

        HubClient.Response otherBox = puller.post(messagesOf(XML_BOX) + "/" + trackingId + "/close");
        assertThat(otherBox.status()).as("another box's message").isEqualTo(404);
        assertThat(otherBox.json().get("type").asText()).isEqualTo("urn:amtsbote:problem:not-found");
        assertThat(puller.get("/api/v1/message-boxes/bauaufsicht/messages").status()).as("not a message box")
                .isEqualTo(404);
        assertThat(portal.status(trackingId).json().get("status").asText()).isEqualTo("IN_MESSAGE_BOX");
    }

    @Test
    void aRedeliveryAfterARollbackAddsNoSecondEntry() {
        String messageId = UUID.randomUUID().toString();
        ROLL_BACK_ONCE.add(messageId);
        String trackingId = accepted(message("test.postfach.0006", messageId, "zweimal zugestellt"));

        JsonNode status = portal.awaitStatus(trackingId, "IN_MESSAGE_BOX");

        assertThat(status.get("attempts").asInt()).isEqualTo(2);
        assertThat(HubClient.statuses(status)).contains("FAILED");
        assertThat(HubClient.lastDetail(status)).contains("Already in message box " + JSON_BOX, "not put again");
        assertThat(jdbc.queryForObject("select count(*) from message_box where tracking_id = ?", Integer.class,
                trackingId)).isEqualTo(1);
        assertThat(trackingIds(puller.get(messagesOf(JSON_BOX) + "?limit=500"))).filteredOn(trackingId::equals).hasSize(1);
    }

    @Test
    void xtaGetStatusListGetMessageAndCloseOverSoap() throws Exception {
        String messageId = UUID.randomUUID().toString();
        String trackingId = accepted(message("test.postfach.0006", messageId, "über XTA"));
        portal.awaitStatus(trackingId, "IN_MESSAGE_BOX");
        String xtaMessageId = "urn:uuid:" + trackingId;

        Element list = call("pulling-system-key", "MsgBoxStatusListRequest", statusListRequest(), JSON_BOX);
        List<String> listed = new ArrayList<>();
        for (Element metaData : children(list, META, "MessageMetaData")) {
            listed.add(child(child(metaData, META, "MsgIdentification"), WSA, "MessageID").getTextContent());
        }
        assertThat(listed).contains(xtaMessageId);

        Element container = call("pulling-system-key", "MsgBoxFetchRequest", fetchRequest(xtaMessageId), null);
        Element message = child(child(container, XTA, "ContentContainer"), XTA, "Message");
        assertThat(message.getAttribute("contentType")).isEqualTo("application/json");
        assertThat(JSON.readTree(Base64.getMimeDecoder().decode(message.getTextContent().strip())))
                .isEqualTo(JSON.readTree("{\"trackingId\":\"" + trackingId + "\",\"messageId\":\"" + messageId
                        + "\",\"inhalt\":\"über XTA\"}"));
        assertThat(portal.status(trackingId).json().get("status").asText()).isEqualTo("IN_MESSAGE_BOX");

        call("pulling-system-key", "MsgBoxCloseRequest", closeRequest(xtaMessageId), null);
        JsonNode delivered = portal.status(trackingId).json();
        assertThat(delivered.get("status").asText()).isEqualTo("DELIVERED");
        assertThat(HubClient.lastDetail(delivered)).contains("by pulling-system (XTA close)");
        call("pulling-system-key", "MsgBoxCloseRequest", closeRequest(xtaMessageId), null); // closing twice is fine
    }

    @Test
    void xtaRefusesAnotherSpecialistSystemAndAnotherClientsBox() {
        String trackingId = accepted(message("test.postfach.0006", UUID.randomUUID().toString(), "nicht über XTA"));
        portal.awaitStatus(trackingId, "IN_MESSAGE_BOX");

        assertThatThrownBy(() -> call("bauamt-key", "MsgBoxFetchRequest", fetchRequest("urn:uuid:" + trackingId), null))
                .isInstanceOf(WebServiceException.class).hasMessageContaining("InvalidMessageIDException");
        assertThatThrownBy(() -> call("bauamt-key", "MsgBoxCloseRequest", closeRequest("urn:uuid:" + trackingId), null))
                .isInstanceOf(WebServiceException.class).hasMessageContaining("InvalidMessageIDException");
        assertThatThrownBy(() -> call("bauamt-key", "MsgBoxStatusListRequest", statusListRequest(), JSON_BOX))
                .isInstanceOf(WebServiceException.class).hasMessageContaining("PermissionDeniedException");
        assertThatThrownBy(() -> call(DemoClients.PORTAL_KEY, "MsgBoxStatusListRequest", statusListRequest(), null))
                .as("a portal is refused by the security chain").isInstanceOf(WebServiceException.class)
                .hasStackTraceContaining("403");
        assertThat(portal.status(trackingId).json().get("status").asText()).isEqualTo("IN_MESSAGE_BOX");
    }

    /** A call of the hub's MsgBoxPort with a JAX-WS dispatch client (CXF) built from the hub's XTA WSDL. */
    private Element call(String apiKey, String action, String request, String author) {
        URL wsdl = getClass().getResource("/wsdl/xta/xta.wsdl");
        Service service = Service.create(wsdl, new QName(XTA, "XTAService"));
        Dispatch<Source> dispatch = service.createDispatch(new QName(XTA, "MsgBoxPort"), Source.class,
                Service.Mode.PAYLOAD, new AddressingFeature());
        Map<String, Object> context = dispatch.getRequestContext();
        context.put(Dispatch.ENDPOINT_ADDRESS_PROPERTY, "http://127.0.0.1:" + PORT + "/services/xta/msgbox");
        context.put(Dispatch.SOAPACTION_USE_PROPERTY, true);
        context.put(Dispatch.SOAPACTION_URI_PROPERTY, ACTIONS + action);
        // CXF adds its own headers to this map
        context.put(MessageContext.HTTP_REQUEST_HEADERS, new HashMap<>(Map.of("X-API-Key", List.of(apiKey))));
        if (author != null) {
            context.put(Header.HEADER_LIST, new ArrayList<>(List.of(new Header(new QName(META, "Author"), parse(
                    "<oscimeta:Author xmlns:oscimeta=\"" + META + "\"><oscimeta:Identifier type=\"amtsbote\">" + author
                            + "</oscimeta:Identifier></oscimeta:Author>")))));
        }
        Source answer = dispatch.invoke(new StreamSource(new StringReader(request)));
        if (answer == null) {
            return null;
        }
        try {
            DOMResult result = new DOMResult();
            TransformerFactory.newInstance().newTransformer().transform(answer, result);
            Node node = result.getNode();
            return node instanceof Document document ? document.getDocumentElement() : (Element) node;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String statusListRequest() {
        return "<osci:MsgBoxStatusListRequest xmlns:osci=\"" + OSCI + "\" maxListItems=\"500\" ListForm=\"MessageMetaData\"/>";
    }

    private static String fetchRequest(String messageId) {
        return "<osci:MsgBoxFetchRequest xmlns:osci=\"" + OSCI + "\" xmlns:wsa=\"" + WSA + "\"><osci:MsgSelector>"
                + "<wsa:MessageID>" + messageId + "</wsa:MessageID></osci:MsgSelector></osci:MsgBoxFetchRequest>";
    }

    private static String closeRequest(String messageId) {
        return "<osci:MsgBoxCloseRequest xmlns:osci=\"" + OSCI + "\" MsgBoxRequestID=\"urn:uuid:" + UUID.randomUUID()
                + "\"><osci:LastMsgReceived>" + messageId + "</osci:LastMsgReceived></osci:MsgBoxCloseRequest>";
    }

    private static Element parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && namespace.equals(element.getNamespaceURI())
                    && localName.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static Element child(Element parent, String namespace, String localName) {
        return children(parent, namespace, localName).stream().findFirst().orElseThrow(() -> new AssertionError(
                "no " + localName + " in " + parent.getLocalName()));
    }

    private static String messagesOf(String box) {
        return "/api/v1/message-boxes/" + box + "/messages";
    }

    private static JsonNode entry(HubClient.Response list, String trackingId) {
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        for (JsonNode entry : list.json()) {
            if (trackingId.equals(entry.get("trackingId").asText())) {
                return entry;
            }
        }
        throw new AssertionError(trackingId + " not listed: " + list.body());
    }

    private static List<String> trackingIds(HubClient.Response list) {
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.json().forEach(entry -> ids.add(entry.get("trackingId").asText()));
        return ids;
    }

    private String accepted(String xml) {
        return ProtocolTestStandard.accepted(portal, xml);
    }

    private static void connector(String id, String root, String destination, boolean json) throws IOException {
        ProtocolTestStandard.connector(id, root, json ? "to-json.xsl" : null, destination, """
                protocol: msgbox
                retry:
                  delay: 100ms
                  max-attempts: 5""");
    }

    static {
        Awaitility.setDefaultTimeout(Duration.ofSeconds(30));
    }
}
