package de.amtsbote.xta;

import de.amtsbote.attachments.StoredAttachment;
import de.amtsbote.msgbox.MessageBoxProperties;
import de.amtsbote.msgbox.MessageBoxes;
import de.amtsbote.msgbox.NoSuchBoxException;
import de.amtsbote.security.AccessRefusedException;
import de.amtsbote.security.Client;
import de.amtsbote.security.Clients;
import de.amtsbote.tracking.MessageBoxEntry;
import de.amtsbote.tracking.Submission;
import de.amtsbote.tracking.TrackingId;
import de.amtsbote.tracking.TrackingStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.cxf.binding.soap.Soap12;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapHeader;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;

/**
 * XTA 2's MsgBoxPort served by the hub, for specialist systems that pull from message-box destinations:
 * {@code getStatusList}, {@code getMessage} and {@code close} under {@code /services/xta/msgbox}, behind the hub's
 * security chain (API key, bearer token or client certificate; role specialist-system). XTA's MessageID is the
 * tracking id as {@code urn:uuid:<trackingId>}. The AuthorIdentifier header, if sent, names the box (the
 * destination id); without it the client reads all boxes of the connectors it serves. A message's documents come
 * as the container's Attachment elements, MTOM parts streamed from the attachment store. Only {@code close} makes a
 * message DELIVERED.
 */
@Component
@ConditionalOnProperty(name = "amtsbote.message-boxes.soap.enabled", havingValue = "true", matchIfMissing = true)
class XtaMsgBoxRoute extends RouteBuilder {

    private static final String MESSAGE_ID_PREFIX = "urn:uuid:";
    /** The hub's own identifiers in the metadata it writes: which connector wrote, which box reads. */
    private static final String PARTY_TYPE = "amtsbote";
    private static final String OPERATION = "xtaMsgBoxOperation";

    private final MessageBoxProperties properties;
    private final MessageBoxes boxes;
    private final Clients clients;
    private final TrackingStore tracking;

    XtaMsgBoxRoute(MessageBoxProperties properties, MessageBoxes boxes, Clients clients, TrackingStore tracking) {
        this.properties = properties;
        this.boxes = boxes;
        this.clients = clients;
        this.tracking = tracking;
    }

    @Override
    public void configure() {
        // synchronous: the route runs on the request's thread, where the security chain authenticated the client
        from("cxf:" + properties.soap().path() + "?wsdlURL=" + XtaPushRoute.WSDL + "&serviceName=" + XtaMessages.SERVICE
                + "&portName={" + XtaMessages.XTA + "}MsgBoxPort&dataFormat=PAYLOAD&synchronous=true&mtomEnabled=true"
                + "&cxfConfigurer=#" + XtaConfiguration.ADDRESSING)
                .routeId("xta-msgbox")
                .description("XTA MsgBoxPort: specialist systems list, fetch and close the messages of their boxes")
                // a refusal goes back to the caller as a SOAP fault; it is not an error of the hub
                .errorHandler(noErrorHandler())
                .setProperty(OPERATION, header(CxfConstants.OPERATION_NAME))
                .doTry()
                    .choice()
                        .when(exchangeProperty(OPERATION).isEqualTo("getStatusList"))
                            .process(this::statusList).id("xta-msgbox-status-list")
                        .when(exchangeProperty(OPERATION).isEqualTo("getMessage"))
                            .process(this::message).id("xta-msgbox-message")
                        .when(exchangeProperty(OPERATION).isEqualTo("close"))
                            .process(this::close).id("xta-msgbox-close")
                    .end().endDoTry()
                .doCatch(Exception.class)
                    .process(this::fault).id("xta-msgbox-fault")
                .end();
    }

    /** The pending messages' MessageMetaData, oldest first, at most maxListItems. */
    private void statusList(Exchange exchange) {
        Client client = client(exchange);
        Element request = request(exchange);
        String limit = request.getAttribute("maxListItems");
        List<MessageBoxEntry> pending = boxes.pending(boxesOf(client, exchange),
                limit.isEmpty() ? properties.maxListItems() : Integer.parseInt(limit));
        List<Element> listed = pending.stream().map(this::metaData).toList();
        exchange.getMessage().setBody(new CxfPayload<SoapHeader>(new ArrayList<>(),
                List.of(XtaMessages.statusList(listed))));
    }

    private void message(Exchange exchange) {
        Client client = client(exchange);
        Element selector = XtaMessages.child(request(exchange), XtaMessages.OSCI, "MsgSelector");
        String messageId = text(XtaMessages.child(selector, XtaMessages.WSA, "MessageID"));
        MessageBoxEntry entry = entry(client, exchange, messageId);
        List<SoapHeader> headers = new ArrayList<>();
        headers.add(new SoapHeader(XtaMessages.MESSAGE_META_DATA, metaData(entry)));
        List<StoredAttachment> documents = boxes.documents(entry);
        exchange.getMessage().setBody(new CxfPayload<>(headers, List.of(XtaMessages.container(boxes.payload(entry),
                entry.contentType(), entry.trackingId() + (entry.contentType().endsWith("json") ? ".json" : ".xml"),
                documents))));
        XtaAttachments.send(exchange, documents);
    }

    /** Each LastMsgReceived is closed; a message closed before stays closed (close is idempotent). */
    private void close(Exchange exchange) {
        Client client = client(exchange);
        List<String> closing = XtaMessages.children(request(exchange), XtaMessages.OSCI, "LastMsgReceived").stream()
                .map(XtaMsgBoxRoute::text).toList();
        if (closing.isEmpty()) {
            throw new NoSuchBoxException("MsgBoxCloseRequest names no LastMsgReceived");
        }
        List<MessageBoxEntry> entries = closing.stream().map(messageId -> entry(client, exchange, messageId)).toList();
        entries.forEach(entry -> boxes.close(client, entry, "XTA close"));
        exchange.getMessage().setBody(new CxfPayload<SoapHeader>(new ArrayList<>(), new ArrayList<Element>()));
    }

    /** The box the AuthorIdentifier header names, or every box the client reads. */
    private Set<String> boxesOf(Client client, Exchange exchange) {
        Set<String> readable = boxes.readableBy(client);
        Optional<String> named = author(exchange);
        if (named.isEmpty()) {
            return readable;
        }
        if (!readable.contains(named.get())) {
            throw new AccessRefusedException(client.id(), "Message box " + named.get() + " is not one this client reads");
        }
        return Set.of(named.get());
    }

    private MessageBoxEntry entry(Client client, Exchange exchange, String messageId) {
        String trackingId = messageId == null ? "" : messageId.startsWith(MESSAGE_ID_PREFIX)
                ? messageId.substring(MESSAGE_ID_PREFIX.length()) : messageId;
        // another box's message is answered as unknown: a client learns nothing of boxes it does not read
        return boxes.entryIn(boxesOf(client, exchange), trackingId).orElseThrow(() -> new NoSuchBoxException(
                "No message " + messageId + " in the message boxes of this client"));
    }

    /**
     * What XTA's MessageMetaData says of a message in a box: the connector as author (its service), the box as
     * reader, the tracking id as MessageID, and the XÖV message type of the submission.
     */
    private Element metaData(MessageBoxEntry entry) {
        String messageType = tracking.find(new TrackingId(entry.trackingId())).map(Submission::messageType).orElse(null);
        return XtaMessages.metaData(new XtaMetaData(MESSAGE_ID_PREFIX + entry.trackingId(),
                        PARTY_TYPE + ":" + entry.connector(), PARTY_TYPE + ":" + entry.destination(),
                        "urn:de:amtsbote:connector:" + entry.connector(), entry.connector(),
                        messageType == null ? "unknown" : messageType, false),
                entry.acceptedAt(), entry.putAt(), entry.size());
    }

    private Client client(Exchange exchange) {
        return clients.ofSoapCaller(exchange);
    }

    @SuppressWarnings("unchecked")
    private static Element request(Exchange exchange) {
        return ((CxfPayload<SoapHeader>) exchange.getMessage().getBody(CxfPayload.class)).getBody().get(0);
    }

    /** The AuthorIdentifier header's identifier: the box the client reads. */
    @SuppressWarnings("unchecked")
    private static Optional<String> author(Exchange exchange) {
        CxfPayload<SoapHeader> request = exchange.getMessage().getBody(CxfPayload.class);
        return XtaMessages.firstElement(request.getHeaders() == null ? List.of() : request.getHeaders(),
                        XtaMessages.META, "Author")
                .map(author -> text(XtaMessages.child(author, XtaMessages.META, "Identifier")))
                .filter(identifier -> !identifier.isBlank());
    }

    private static String text(Element element) {
        return element == null ? null : element.getTextContent().strip();
    }

    /** XTA's exceptions, as for sendMessage: a refusal is the Sender's fault, anything else the Receiver's. */
    private void fault(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String[] exception;
        boolean senders = true;
        if (failure instanceof AccessRefusedException) {
            exception = new String[] {"PermissionDeniedException", "9013", "Dienst ist nicht gebucht."};
        } else if (failure instanceof NoSuchBoxException) {
            exception = new String[] {"InvalidMessageIDException", "9000", "Unspezifizierter Fehler, als Freitext beschrieben"};
        } else {
            senders = false;
            exception = new String[] {"XTAWSTechnicalProblemException", "9030",
                    "Interner Fehler beim XTA-Server bzw. XTA-Dienstleister"};
        }
        String reason = senders ? exception[0] + ": " + detail(failure)
                : exception[0] + ": the hub cannot answer now; try again later";
        SoapFault fault = new SoapFault(reason, senders ? Soap12.getInstance().getSender() : Soap12.getInstance().getReceiver());
        Element detail = fault.getOrCreateDetail();
        detail.appendChild(detail.getOwnerDocument().importNode(XtaMessages.exception(exception[0], exception[1], exception[2]), true));
        if (senders) {
            log.info("MsgBoxPort {} refused: {}", exchange.getProperty(OPERATION), detail(failure));
        } else {
            log.error("MsgBoxPort {} failed", exchange.getProperty(OPERATION), failure);
        }
        throw fault;
    }

    private static String detail(Exception failure) {
        return failure instanceof NoSuchBoxException notFound ? notFound.getReason() : failure.getMessage();
    }
}
