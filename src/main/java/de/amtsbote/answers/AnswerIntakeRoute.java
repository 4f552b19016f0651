package de.amtsbote.answers;

import de.amtsbote.attachments.AttachmentStore;
import de.amtsbote.attachments.DeclaredDocument;
import de.amtsbote.attachments.DocumentCheck;
import de.amtsbote.connectors.Connector;
import de.amtsbote.connectors.ConnectorRegistry;
import de.amtsbote.delivery.DeliveryHeaders;
import de.amtsbote.intake.Intake;
import de.amtsbote.security.AccessRefusedException;
import de.amtsbote.security.Client;
import de.amtsbote.security.Clients;
import de.amtsbote.tracking.Submission;
import de.amtsbote.tracking.TrackingId;
import de.amtsbote.tracking.TrackingStore;
import de.amtsbote.xoev.HeaderExtractor;
import de.amtsbote.xoev.UnsupportedMessageException;
import de.amtsbote.xoev.XoevHeader;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.xml.stream.XMLStreamException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.MDC;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Intake of one answer of a specialist system: read its header and reference, choose the connector that declares
 * it, validate it like the connector's messages, correlate it with the submission it answers and record it (also
 * when it matches none: it is kept for operators, never dropped), and queue it durably for the portal's callback
 * URL when the portal registered one. The caller gets the exception of the first step that refuses the answer, or
 * an {@link AnswerReceipt}.
 */
@Component
class AnswerIntakeRoute extends RouteBuilder {

    static final String ENDPOINT = "direct:answer-intake";
    /** The authenticated specialist system, set by the door it came in through. */
    static final String CLIENT = "client";
    /** Documents beside the answer, set by the door; the same property the submission intake reads. */
    static final String ATTACHMENTS = Intake.ATTACHMENTS;

    private static final String HEADER = "xoevHeader";
    private static final String CONNECTOR = "connector";
    private static final String RECEIPT = "answerReceipt";

    private final ConnectorRegistry connectors;
    private final TrackingStore tracking;
    private final AnswerStore answers;
    private final Clients clients;
    private final AnswerChannels channels;
    private final HeaderExtractor headers;
    private final AttachmentStore attachments;

    AnswerIntakeRoute(ConnectorRegistry connectors, TrackingStore tracking, AnswerStore answers, Clients clients,
                      AnswerChannels channels, AttachmentStore attachments) {
        this.connectors = connectors;
        this.tracking = tracking;
        this.answers = answers;
        this.clients = clients;
        this.channels = channels;
        this.attachments = attachments;
        this.headers = new HeaderExtractor(connectors::profileForNamespace);
    }

    @Override
    public void configure() {
        from(ENDPOINT).routeId("answer-intake")
                .description("Validate a specialist system's answer, correlate it with its submission, queue its callback")
                // a refusal goes back to the specialist system as a problem response; it is not an error of the hub
                .errorHandler(noErrorHandler())
                .process(this::extractHeader).id("extract-answer-header")
                .process(this::selectConnector).id("select-answer-connector")
                .process(this::checkClient).id("check-answering-client")
                .process(this::validateSchema).id("validate-answer-schema")
                .process(this::checkAttachments).id("check-answer-attachments")
                .process(this::record).id("record-answer")
                // matched, the portal has a callback URL, and the callback is not queued yet (a resend after a 503)
                .filter(this::needsCallback).id("needs-callback")
                    // InOnly: returns once the broker has the persistent message; the answer id is its duplicate id
                    .to("jms:queue:{{amtsbote.answers.callback-queue}}?exchangePattern=InOnly&jmsMessageType=Bytes")
                    .id("enqueue-callback")
                    .process(this::recordQueued).id("record-callback-queued")
                .end()
                .process(this::receipt).id("answer-receipt");
    }

    private void extractHeader(Exchange exchange) {
        XoevHeader header = headers.extractAnswer(new ByteArrayInputStream(exchange.getMessage().getBody(byte[].class)));
        exchange.setProperty(HEADER, header);
        MDC.put(DeliveryHeaders.MESSAGE_LOG_KEY, header.messageId());
    }

    private void selectConnector(Exchange exchange) {
        XoevHeader header = exchange.getProperty(HEADER, XoevHeader.class);
        Connector connector = connectors.forAnswer(header.root()).orElseThrow(() -> new UnsupportedMessageException(
                header.root(), "No connector takes " + header.standard() + " " + header.version() + " answers "
                + header.root().getLocalPart() + " (type code " + header.rootCode() + ")"));
        exchange.setProperty(CONNECTOR, connector);
    }

    /** A specialist system answers only for the connectors it is registered for. */
    private void checkClient(Exchange exchange) {
        Client client = exchange.getProperty(CLIENT, Client.class);
        Connector connector = exchange.getProperty(CONNECTOR, Connector.class);
        if (!client.mayAnswerFor(connector.id())) {
            throw new AccessRefusedException(client.id(), "This client is not registered to answer for connector "
                    + connector.id() + ", which takes this answer");
        }
    }

    private void validateSchema(Exchange exchange) {
        exchange.getProperty(CONNECTOR, Connector.class).validate(exchange.getMessage().getBody(byte[].class));
    }

    /** The documents beside the answer must be exactly those it declares, as for a submission. */
    private void checkAttachments(Exchange exchange) throws XMLStreamException {
        AttachmentStore.Incoming incoming = exchange.getProperty(ATTACHMENTS, AttachmentStore.Incoming.class);
        if (incoming != null) {
            DocumentCheck.matches(incoming.received(), DeclaredDocument.in(exchange.getMessage().getBody(byte[].class)));
        }
    }

    /**
     * Records the answer with the submission it refers to (by the answered nachrichtenUUID, else by the case), and
     * notes it in that submission's history without touching its status: an answer does not undo DELIVERED. A
     * resend (same standard and message id, same content, same specialist system) gets the first receipt.
     */
    private void record(Exchange exchange) {
        XoevHeader header = exchange.getProperty(HEADER, XoevHeader.class);
        Connector connector = exchange.getProperty(CONNECTOR, Connector.class);
        Client client = exchange.getProperty(CLIENT, Client.class);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        String sha256 = sha256(body);
        Optional<Submission> answered = tracking.findAnswered(connector.id(), header.answerReference(),
                header.caseReference());
        String answerId = UUID.randomUUID().toString();
        String type = header.messageType() == null ? header.rootCode() : header.messageType().code();
        AnswerStatus status = answered.isPresent() ? AnswerStatus.RECEIVED : AnswerStatus.UNMATCHED;
        AnswerStore.NewAnswer answer = new AnswerStore.NewAnswer(answerId, header.messageId(), type,
                header.root().toString(), header.standard(), connector.id(), client.id(), header.answerReference(),
                header.caseReference(), answered.map(Submission::trackingId).orElse(null),
                answered.map(Submission::submittedBy).orElse(null), sha256, status);
        keepDocuments(exchange, answerId);
        try {
            answers.received(answer, body, answered.map(submission -> "Answer " + header.root().getLocalPart()
                            + " from " + client.id() + " to submission " + submission.trackingId())
                    .orElse("Answer " + header.root().getLocalPart() + " from " + client.id() + " matches no submission"
                            + " (answered message " + header.answerReference() + ", case " + header.caseReference()
                            + "); kept for operators"));
        } catch (DuplicateKeyException resend) {
            attachments.deleteForAnswer(answerId); // the first answer's documents are the ones kept
            AnswerStore.Stored first = answers.findByMessage(header.standard(), header.messageId()).orElseThrow(() -> resend);
            if (!first.answeredBy().equals(client.id()) || !first.contentSha256().equals(sha256)) {
                throw new ResponseStatusException(HttpStatus.CONFLICT, "Answer " + header.messageId()
                        + " was already sent with other content or by another client; a corrected answer needs a new"
                        + " nachrichtenUUID");
            }
            answers.noted(first.answerId(), first.status(), "Sent again by " + client.id() + " with the same content");
            exchange.setProperty(RECEIPT, new AnswerReceipt(first.answerId(), header.messageId(), type,
                    first.trackingId() != null, first.trackingId(), first.status(), true));
            setCallbackHeaders(exchange.getMessage(), first.answerId(), first.trackingId(), first.portal());
            log.info("Resend of answer {} answered with the first receipt ({})", header.messageId(), first.status());
            return;
        } catch (RuntimeException notRecorded) {
            attachments.deleteForAnswer(answerId);
            throw notRecorded;
        }
        answered.ifPresent(submission -> tracking.noted(new TrackingId(submission.trackingId()), submission.status(),
                "Answered by " + client.id() + " with " + header.root().getLocalPart() + " (answer " + answerId + ")"));
        exchange.setProperty(RECEIPT, new AnswerReceipt(answerId, header.messageId(), type, answered.isPresent(),
                answer.trackingId(), status, false));
        setCallbackHeaders(exchange.getMessage(), answerId, answer.trackingId(), answer.portal());
        log.info("Answer {} ({}) from {} {}", header.messageId(), header.root().getLocalPart(), client.id(),
                answered.isPresent() ? "to submission " + answer.trackingId() : "matches no submission; kept");
    }

    /** The documents beside the answer go to the attachment store under its id, durably, before it is recorded. */
    private void keepDocuments(Exchange exchange, String answerId) {
        AttachmentStore.Incoming incoming = exchange.getProperty(ATTACHMENTS, AttachmentStore.Incoming.class);
        if (incoming != null && !incoming.received().isEmpty()) {
            attachments.keepForAnswer(incoming, answerId);
        }
    }

    private static void setCallbackHeaders(Message message, String answerId, String trackingId, String portal) {
        message.setHeader(CallbackHeaders.ANSWER_ID, answerId);
        message.setHeader(CallbackHeaders.PORTAL, portal);
        if (trackingId != null) {
            message.setHeader(DeliveryHeaders.TRACKING_ID, trackingId);
        }
        // the broker drops a second send of one answer (a resend racing its first send)
        message.setHeader(DeliveryHeaders.DUPLICATE_ID, answerId);
    }

    private boolean needsCallback(Exchange exchange) {
        AnswerReceipt receipt = exchange.getProperty(RECEIPT, AnswerReceipt.class);
        String portal = exchange.getMessage().getHeader(CallbackHeaders.PORTAL, String.class);
        return receipt.status() == AnswerStatus.RECEIVED && (clients.byId(portal).flatMap(Client::callback).isPresent()
                || channels.of(receipt.trackingId()).isPresent());
    }


    private void recordQueued(Exchange exchange) {
        AnswerReceipt receipt = exchange.getProperty(RECEIPT, AnswerReceipt.class);
        String portal = exchange.getMessage().getHeader(CallbackHeaders.PORTAL, String.class);
        answers.changed(receipt.answerId(), AnswerStatus.QUEUED, channels.of(receipt.trackingId())
                .map(channel -> "Queued for " + channel.describe(receipt.trackingId()))
                .orElse("Queued for the callback of portal " + portal));
        exchange.setProperty(RECEIPT, new AnswerReceipt(receipt.answerId(), receipt.messageId(), receipt.messageType(),
                receipt.matched(), receipt.trackingId(), AnswerStatus.QUEUED, receipt.resend()));
    }

    private void receipt(Exchange exchange) {
        exchange.getMessage().setBody(exchange.getProperty(RECEIPT, AnswerReceipt.class));
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
