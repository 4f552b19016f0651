package de.amtsbote.intake;

import de.amtsbote.attachments.AttachmentMismatchException;
import de.amtsbote.attachments.AttachmentStore;
import de.amtsbote.attachments.DeclaredDocument;
import de.amtsbote.attachments.DocumentCheck;
import de.amtsbote.attachments.ReceivedAttachment;
import de.amtsbote.connectors.Connector;
import de.amtsbote.connectors.Destination;
import de.amtsbote.connectors.ConnectorRegistry;
import de.amtsbote.delivery.DeliveryHeaders;
import de.amtsbote.delivery.DeliveryProperties;
import de.amtsbote.security.AccessRefusedException;
import de.amtsbote.security.Client;
import de.amtsbote.tracking.NewSubmission;
import de.amtsbote.tracking.PayloadStore;
import de.amtsbote.tracking.Submission;
import de.amtsbote.tracking.SubmissionStatus;
import de.amtsbote.tracking.TrackingId;
import de.amtsbote.tracking.TrackingStore;
import de.amtsbote.xoev.HeaderExtractor;
import de.amtsbote.xoev.XoevHeader;
import de.amtsbote.xoev.UnsupportedMessageException;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.MDC;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Intake of one submission: read the XÖV header, choose the connector by the root element, validate against the
 * connector's schema, record it, and queue it durably for its destination. The caller gets the exception of the
 * first step that refuses the message, or a {@link Receipt}. A resend of a known message (same standard and
 * nachrichtenUUID, same content) gets the first one's receipt and is not delivered again.
 */
@Component
class SubmissionIntakeRoute extends RouteBuilder {

    static final String ENDPOINT = "direct:submission-intake";
    /** The authenticated {@link Client} that sends the submission, set by the door it came in through. */
    static final String CLIENT = "client";
    /** What the transport said about the message, recorded with the acceptance (see {@link Intake}). */
    static final String TRANSPORT_DETAILS = "transportDetails";
    /** The documents that came beside the message ({@link AttachmentStore.Incoming}), set only by a multipart door. */
    static final String ATTACHMENTS = "attachments";

    private static final String HEADER = "xoevHeader";
    private static final String CONNECTOR = "connector";
    private static final String DELIVERY_QUEUE = "deliveryQueue";
    private static final String SENDING_SINCE = "sendingSince";
    /** The submission a resend repeats. */
    private static final String RESEND = "resendOf";
    private static final String STATUS = "status";

    private final ConnectorRegistry connectors;
    private final TrackingStore tracking;
    private final PayloadStore payloads;
    private final DeliveryProperties delivery;
    private final HeaderExtractor headers;
    private final AttachmentStore attachments;

    SubmissionIntakeRoute(ConnectorRegistry connectors, TrackingStore tracking, PayloadStore payloads,
                          DeliveryProperties delivery, AttachmentStore attachments) {
        this.connectors = connectors;
        this.attachments = attachments;
        this.tracking = tracking;
        this.payloads = payloads;
        this.delivery = delivery;
        this.headers = new HeaderExtractor(connectors::profileForNamespace);
    }

    @Override
    public void configure() {
        from(ENDPOINT).routeId("submission-intake")
                .description("Validate an XÖV submission and queue it durably for its destination")
                // a refusal goes back to the portal as a problem response; it is not an error of the hub
                .errorHandler(noErrorHandler())
                .process(this::extractHeader).id("extract-header")
                .process(this::selectConnector).id("select-connector")
                .process(this::checkClient).id("check-client")
                .process(this::validateSchema).id("validate-schema")
                .process(this::checkAttachments).id("check-attachments")
                .process(this::recordAccepted).id("record-accepted")
                // a resend is queued again only while its first send may never have reached the broker
                .filter(this::needsQueueing).id("needs-queueing")
                    // the history stamps QUEUED with the time of sending: a delivery can be recorded before the send returns
                    .process(exchange -> exchange.setProperty(SENDING_SINCE, Instant.now())).id("mark-sending")
                    .doTry()
                        // InOnly: the producer returns once the broker has the persistent message on disk, and waits for no reply
                        .toD("jms:queue:${exchangeProperty." + DELIVERY_QUEUE + "}?exchangePattern=InOnly&jmsMessageType=Bytes")
                        .id("enqueue")
                    .doCatch(Exception.class)
                        // the portal gets a 503 and sends again: no record may claim this one was accepted
                        .process(this::forgetUnqueued).id("forget-unqueued")
                    .end()
                    .process(this::recordQueued).id("record-queued")
                .end()
                .process(this::receipt).id("receipt");
    }

    private void extractHeader(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        XoevHeader header = headers.extract(new ByteArrayInputStream(body));
        exchange.setProperty(HEADER, header);
        MDC.put(DeliveryHeaders.MESSAGE_LOG_KEY, header.messageId());
    }

    private void selectConnector(Exchange exchange) {
        XoevHeader header = exchange.getProperty(HEADER, XoevHeader.class);
        Connector connector = connectors.forRoot(header.root()).orElseThrow(() -> new UnsupportedMessageException(
                header.root(), "No connector takes " + header.standard() + " " + header.version() + " messages "
                + header.root().getLocalPart() + " (type code " + header.rootCode() + ")"));
        exchange.setProperty(CONNECTOR, connector);
        exchange.setProperty(DELIVERY_QUEUE, delivery.queueFor(connector.destinationId()));
    }

    /** A portal submits only to the connectors it is registered for. */
    private void checkClient(Exchange exchange) {
        Client client = exchange.getProperty(CLIENT, Client.class);
        Connector connector = exchange.getProperty(CONNECTOR, Connector.class);
        if (!client.maySubmitTo(connector.id())) {
            throw new AccessRefusedException(client.id(), "This client is not registered for connector "
                    + connector.id() + ", which takes this message");
        }
    }

    private void validateSchema(Exchange exchange) {
        exchange.getProperty(CONNECTOR, Connector.class).validate(exchange.getMessage().getBody(byte[].class));
    }

    /**
     * The documents that came beside the message must be exactly those it declares, each with its declared size and
     * SHA-256. Only the multipart door brings documents: a message posted alone keeps declaring documents that travel
     * elsewhere, as before. Destinations that cannot carry them (JMS, message boxes, SOAP without MTOM) take none.
     */
    private void checkAttachments(Exchange exchange) throws XMLStreamException {
        AttachmentStore.Incoming incoming = exchange.getProperty(ATTACHMENTS, AttachmentStore.Incoming.class);
        if (incoming == null) {
            return;
        }
        Map<String, ReceivedAttachment> received = incoming.received();
        DocumentCheck.matches(received, DeclaredDocument.in(exchange.getMessage().getBody(byte[].class)));
        Connector connector = exchange.getProperty(CONNECTOR, Connector.class);
        Destination destination = connectors.destinations().get(connector.destinationId());
        if (!received.isEmpty() && destination != null && !destination.takesDocuments()) {
            String first = received.keySet().iterator().next();
            throw new AttachmentMismatchException(first, "Document " + first + " cannot go along: destination "
                    + destination.id() + " (" + destination.protocol() + ") takes no documents beside the message");
        }
    }

    /**
     * Records a new submission, or recognises a resend (same standard and message id): with the same content it is
     * answered with the first submission's tracking id, with other content it is refused.
     */
    private void recordAccepted(Exchange exchange) {
        XoevHeader header = exchange.getProperty(HEADER, XoevHeader.class);
        Connector connector = exchange.getProperty(CONNECTOR, Connector.class);
        Client client = exchange.getProperty(CLIENT, Client.class);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        TrackingId trackingId = TrackingId.next();
        NewSubmission submission = NewSubmission.of(trackingId, header, connector.id(), connector.destinationId(),
                client.id(), body);
        Submission first = null;
        AttachmentStore.Incoming incoming = exchange.getProperty(ATTACHMENTS, AttachmentStore.Incoming.class);
        int documents = incoming == null ? 0 : incoming.received().size();
        try {
            if (documents > 0) {
                attachments.keep(incoming, trackingId);
            }
            tracking.accepted(submission, acceptedDetails(header, connector, client, exchange));
            payloads.keep(trackingId, body);
        } catch (RuntimeException notRecorded) {
            // a resend's documents are the first one's (its message declares their hashes), which are kept already
            attachments.delete(trackingId);
            if (!(notRecorded instanceof DuplicateKeyException resend)) {
                throw notRecorded;
            }
            first = tracking.findByMessage(header.standard(), header.messageId()).orElseThrow(() -> resend);
            if (!client.id().equals(first.submittedBy())) {
                throw ConflictingResendException.ofAnotherClient(header.messageId());
            }
            if (!first.contentSha256().equals(submission.contentSha256())) {
                throw ConflictingResendException.withOtherContent(header.messageId(), first.trackingId());
            }
            trackingId = new TrackingId(first.trackingId());
            exchange.setProperty(RESEND, first);
            tracking.noted(trackingId, first.status(), "Sent again by the portal with the same content");
        }
        Message message = exchange.getMessage();
        message.setHeader(DeliveryHeaders.TRACKING_ID, trackingId.value());
        // delivery latency counts from the first acceptance, also for a resend queued again
        message.setHeader(DeliveryHeaders.ACCEPTED_AT, first == null || first.history().isEmpty()
                ? System.currentTimeMillis() : first.history().get(0).at().toEpochMilli());
        // Camel's breadcrumb is its correlation id in the log context; it travels with the message to delivery
        message.setHeader(Exchange.BREADCRUMB_ID, trackingId.value());
        MDC.put(DeliveryHeaders.LOG_KEY, trackingId.value());
        message.setHeader(DeliveryHeaders.MESSAGE_ID, header.messageId());
        message.setHeader(DeliveryHeaders.CONNECTOR, connector.id());
        message.setHeader(DeliveryHeaders.SUBMITTED_BY, client.id());
        message.setHeader(DeliveryHeaders.GROUP_ID, header.caseKey());
        // the broker drops a second send of one submission (a resend racing its first send)
        message.setHeader(DeliveryHeaders.DUPLICATE_ID, trackingId.value());
        if (documents > 0) {
            message.setHeader(DeliveryHeaders.ATTACHMENTS, documents);
        }
        if (first == null) {
            log.info("Accepted {} message {} ({} bytes, {} documents) from {} for connector {}",
                    header.root().getLocalPart(), header.messageId(), body.length, documents, client.id(), connector.id());
        } else {
            log.info("Resend of message {} answered with the first submission's tracking id ({})", header.messageId(),
                    first.status());
        }
    }

    /** The connector the submission was routed to, once it was chosen; otherwise null. */
    static String connectorOf(Exchange exchange) {
        Connector connector = exchange.getProperty(CONNECTOR, Connector.class);
        return connector == null ? null : connector.id();
    }

    private boolean needsQueueing(Exchange exchange) {
        Submission resent = exchange.getProperty(RESEND, Submission.class);
        return resent == null || resent.status() == SubmissionStatus.ACCEPTED;
    }

    /**
     * The portal gets a 503 either way. The record goes only if the broker certainly does not have the message. If
     * the broker's confirmation was lost, the message may be queued and will be delivered, which needs the record: it
     * stays (ACCEPTED, unless a delivery got ahead), and a resend of the same content finds it, is answered with its
     * tracking id and, while it is ACCEPTED, queued again under the same duplicate id, which the broker drops if it
     * has the first.
     */
    private void forgetUnqueued(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        TrackingId trackingId = new TrackingId(exchange.getMessage().getHeader(DeliveryHeaders.TRACKING_ID, String.class));
        if (EnqueueFailures.mayBeQueued(failure)) {
            tracking.noted(trackingId, SubmissionStatus.ACCEPTED, "The broker's confirmation was lost: the submission"
                    + " may be queued; the portal was asked to send it again");
            log.error("The broker's confirmation was lost; the submission may be queued and its record is kept: {}",
                    failure.getMessage());
        } else {
            if (exchange.getProperty(RESEND) == null) {
                tracking.forget(trackingId);
                attachments.delete(trackingId);
            }
            log.error("The broker did not take the submission; it was not accepted: {}", failure.getMessage());
        }
        throw new NotQueuedException(failure);
    }

    private void recordQueued(Exchange exchange) {
        Connector connector = exchange.getProperty(CONNECTOR, Connector.class);
        String trackingId = exchange.getMessage().getHeader(DeliveryHeaders.TRACKING_ID, String.class);
        String detail = (exchange.getProperty(RESEND) == null ? "Queued" : "Queued again") + " for "
                + connector.destinationId() + " on " + exchange.getProperty(DELIVERY_QUEUE);
        tracking.queued(new TrackingId(trackingId), exchange.getProperty(SENDING_SINCE, Instant.class), detail);
        exchange.setProperty(STATUS, SubmissionStatus.QUEUED);
    }

    private void receipt(Exchange exchange) {
        XoevHeader header = exchange.getProperty(HEADER, XoevHeader.class);
        Connector connector = exchange.getProperty(CONNECTOR, Connector.class);
        Submission resent = exchange.getProperty(RESEND, Submission.class);
        SubmissionStatus status = exchange.getProperty(STATUS, SubmissionStatus.class);
        exchange.getMessage().setBody(new Receipt(exchange.getMessage().getHeader(DeliveryHeaders.TRACKING_ID, String.class),
                header.messageId(), header.messageType() == null ? header.rootCode() : header.messageType().code(),
                header.standard(), header.version(), connector.id(), status != null ? status : resent.status(),
                resent != null));
    }

    private static List<String> acceptedDetails(XoevHeader header, Connector connector, Client client,
                                                Exchange exchange) {
        List<String> details = new ArrayList<>();
        details.add("Accepted " + header.root().getLocalPart() + " (" + header.standard() + " " + header.version()
                + (header.test() ? ", test message" : "") + ") from "
                + (header.author() == null ? "unknown author" : header.author().describe())
                + " through client " + client.id() + " for connector " + connector.id());
        if (!header.typeCodeMatchesRoot()) {
            details.add("Header message type code " + (header.messageType() == null ? "(none)" : header.messageType().code())
                    + " does not match the root element " + header.root().getLocalPart() + "; routed by the root element");
        }
        @SuppressWarnings("unchecked")
        List<String> transport = exchange.getProperty(TRANSPORT_DETAILS, List.class);
        if (transport != null) {
            details.addAll(transport);
        }
        return details;
    }
}
