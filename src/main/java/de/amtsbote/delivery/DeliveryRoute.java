package de.amtsbote.delivery;

import de.amtsbote.attachments.AttachmentStore;
import de.amtsbote.attachments.DeclaredDocument;
import de.amtsbote.attachments.StoredAttachment;
import de.amtsbote.connectors.Connector;
import de.amtsbote.connectors.ConnectorRegistry;
import de.amtsbote.connectors.Credentials;
import de.amtsbote.connectors.Destination;
import de.amtsbote.operations.Listeners;
import de.amtsbote.tracking.MessageBoxStore;
import de.amtsbote.tracking.NewSubmission;
import de.amtsbote.tracking.SubmissionStatus;
import de.amtsbote.tracking.TrackingId;
import de.amtsbote.tracking.TrackingStore;
import de.amtsbote.xoev.HeaderExtractor;
import de.amtsbote.xoev.XoevHeader;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import javax.xml.stream.XMLStreamException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.spi.IdempotentRepository;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;

/**
 * Delivery to one specialist system: the route {@code delivery-<destination>} consumes the destination's own queue
 * in a JMS transaction and calls the system over the destination's protocol ({@link Protocols}). A message leaves
 * its queue only when the specialist system has confirmed it and the status is recorded. A failed attempt rolls back, and the broker redelivers after the destination's delay,
 * so no thread waits here; permanent failures and the last attempt go to the dead-letter queue in the same
 * transaction. Each message is delivered once: a redelivery of one already confirmed is dropped, and messages of
 * one case wait for their predecessors.
 */
class DeliveryRoute extends RouteBuilder {

    /** The {@link StoredAttachment}s that go with the message. */
    private static final String DOCUMENTS = "amtsboteDocuments";
    /** Set when an earlier message of the case is still on its way: this one goes back to the queue. */
    private static final String WAITING = "amtsboteWaiting";

    private final Destination destination;
    private final Credentials credentials;
    private final ConnectorRegistry connectors;
    private final DeliveryProperties delivery;
    private final TrackingStore tracking;
    private final DataSource dataSource;
    private final HeaderExtractor headers;
    /** Metrics and health listen. */
    private final Listeners<DeliveryOutcomes> outcomes;
    private final MessageBoxStore boxes;
    private final AttachmentStore attachments;

    DeliveryRoute(Destination destination, Credentials credentials, ConnectorRegistry connectors,
                  DeliveryProperties delivery, TrackingStore tracking, DataSource dataSource,
                  ObjectProvider<DeliveryOutcomes> outcomes, MessageBoxStore boxes, AttachmentStore attachments) {
        this.destination = destination;
        this.attachments = attachments;
        this.credentials = credentials;
        this.connectors = connectors;
        this.delivery = delivery;
        this.tracking = tracking;
        this.dataSource = dataSource;
        this.outcomes = new Listeners<>(outcomes, "Delivery outcome");
        this.boxes = boxes;
        this.headers = new HeaderExtractor(connectors::profileForNamespace);
    }

    @Override
    public void configure() {
        errorHandler(defaultErrorHandler().logExhausted(false)); // the handlers below log each failure once

        onException(Exception.class).onWhen(this::noAttemptLeft)
                .handled(true).useOriginalMessage()
                .process(this::recordDeadLetter).id("record-dead-letter")
                .to("jms:queue:{{amtsbote.delivery.dead-letter-queue}}?jmsMessageType=Bytes").id("dead-letter");

        onException(Exception.class)
                .process(this::recordFailedAttempt).id("record-failed-attempt"); // not handled: rolled back, redelivered later

        String id = destination.id();
        log.info("Destination {} over {}: up to {} attempts, retried for {} before the dead-letter store", id,
                destination.protocol(), destination.retry().maxAttempts(), destination.retry().patience());
        ProcessorDefinition<?> delivering = from("jms:queue:" + delivery.queueFor(id) + "?" + TransactedConsumer.OPTIONS
                + "&concurrentConsumers=" + destination.consumers())
                .routeId("delivery-" + id)
                .description("Deliver queued submissions to " + id + " over " + destination.protocol())
                // the queued message is bytes, read as often as needed; caching a SOAP payload would build a DOM of it
                .streamCache("false")
                .process(this::ensureTracked).id("ensure-tracked-" + id)
                // Messages of one case go in the order accepted. One whose predecessor is still on its way goes back
                // to the queue for later, in this transaction. Not by a rollback: Artemis would delay the consumer's
                // prefetched messages with it, the predecessor among them (a case is one message group, so one
                // consumer), and two messages of a case could keep pushing each other back.
                .process(this::awaitPredecessor).id("await-predecessor-" + id)
                .filter(exchangeProperty(WAITING))
                    .to("jms:queue:" + delivery.queueFor(id) + "?jmsMessageType=Bytes").id("requeue-waiting-" + id)
                    .stop()
                .end()
                // The key is stored when the block completes, before the broker transaction commits: a
                // redelivery after a crash in between is recognised. Not eagerly: a crash during the call
                // must not mark an undelivered message as done.
                .idempotentConsumer(header(DeliveryHeaders.MESSAGE_ID), delivered(id))
                        .eager(false).completionEager(true).skipDuplicate(false).id("deliver-once-" + id)
                    .filter(exchangeProperty(Exchange.DUPLICATE_MESSAGE).isEqualTo(true))
                        .process(this::recordDuplicate).id("skip-delivered-" + id)
                        .stop()
                    .end()
                    .process(this::preparePayload).id("prepare-payload-" + id);
        if (Protocols.writesFiles(destination)) {
            // the documents go first, so a system that polls for the message finds them complete beside it
            delivering = delivering.split(exchangeProperty(DOCUMENTS)).stopOnException().id("split-documents-" + id)
                    .process(Protocols::prepareDocument).id("prepare-document-" + id)
                    .to(Protocols.endpoint(destination, credentials)).id("call-document-" + id)
                    .end();
        }
        delivering
                    .to(Protocols.endpoint(destination, credentials)).id("call-" + id)
                    .process(this::recordDelivered).id("record-delivered-" + id)
                .end();
    }

    /** The messages a destination's route has completed, in the hub's database (shared by every hub instance). */
    private IdempotentRepository delivered(String destinationId) {
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(dataSource, "delivery-" + destinationId);
        repository.setCreateTableIfNotExists(false); // created by the migrations
        return repository;
    }

    /**
     * A queued message whose record the database does not have (the embedded H2 loses its last half second of
     * commits when the process is killed; a database restored from a backup): the record is made again from the
     * message, so the status view stays complete. If the message id is tracked under another tracking id (the
     * portal resent it meanwhile), the message goes on under that one.
     */
    private void ensureTracked(Exchange exchange) {
        Queued queued = Queued.read(exchange);
        MDC.put(DeliveryHeaders.MESSAGE_LOG_KEY, queued.messageId());
        TrackingId trackingId = queued.trackingId();
        if (tracking.isTracked(trackingId)) {
            return;
        }
        Message message = exchange.getMessage();
        byte[] xml = message.getBody(byte[].class);
        XoevHeader header = headers.extract(new ByteArrayInputStream(xml));
        Connector connector = connectors.byId(message.getHeader(DeliveryHeaders.CONNECTOR, String.class));
        try {
            tracking.accepted(NewSubmission.of(trackingId, header, connector.id(), connector.destinationId(),
                            message.getHeader(DeliveryHeaders.SUBMITTED_BY, String.class), xml),
                    List.of("Record made again from the queued message: the database did not have it"));
            log.warn("Tracking record of a queued message was missing and is made again from the message");
        } catch (DuplicateKeyException trackedElsewhere) {
            String existing = tracking.findByMessage(header.standard(), header.messageId()).orElseThrow().trackingId();
            message.setHeader(DeliveryHeaders.TRACKING_ID, existing);
            queued.trackedAs(new TrackingId(existing), exchange);
            log.warn("Queued message is tracked under tracking id {}; delivered as that one", existing);
        }
    }

    private void recordDuplicate(Exchange exchange) {
        // the repository knows it was delivered; the status says so too, even if its update was lost in a crash
        if (Protocols.awaitsClose(destination)) {
            boolean closed = boxes.find(destination.id(), trackingId(exchange)).map(entry -> entry.closed()).orElse(false);
            if (closed) {
                attachments.delete(trackingId(exchange)); // a crash after the close may have left them
            }
            tracking.changed(trackingId(exchange), closed ? SubmissionStatus.DELIVERED : SubmissionStatus.IN_MESSAGE_BOX,
                    "In message box " + destination.id() + (closed ? " and closed" : "") + " before; the broker's"
                            + " redelivery (attempt " + attempt(exchange) + ") was not put again");
            log.info("Message already in the message box, redelivery {} dropped", attempt(exchange));
            return;
        }
        attachments.delete(trackingId(exchange)); // a crash after the delivery may have left them
        tracking.changed(trackingId(exchange), SubmissionStatus.DELIVERED,
                "Delivered before; the broker's redelivery (attempt " + attempt(exchange) + ") was not sent again");
        log.info("Message already delivered, redelivery {} dropped", attempt(exchange));
    }

    /**
     * An earlier message of the case still on its way comes first: this one is sent to the queue again, due after
     * the destination's retry delay, growing with each wait as between attempts. Waiting is no attempt, but it
     * ends like attempts do: a predecessor still not delivered after the destination's patience (its record may
     * have lost its last update in a crash) sends this one to the dead-letter store, where an operator sees it.
     */
    private void awaitPredecessor(Exchange exchange) {
        tracking.pendingPredecessor(trackingId(exchange)).ifPresent(earlier -> {
            Message message = exchange.getMessage();
            int waits = message.getHeader(DeliveryHeaders.WAITS, 0, Integer.class) + 1;
            if (waits >= destination.retry().maxAttempts()) {
                throw new PredecessorNotDeliveredException(earlier.messageId(), destination.retry().patience());
            }
            Duration wait = destination.retry().delayAfter(waits);
            if (waits == 1) {
                tracking.changed(trackingId(exchange), SubmissionStatus.QUEUED, "Waiting for the earlier message "
                        + earlier.messageId() + " of the same case");
            }
            log.info("Waiting for the earlier message {} of the same case (wait {}, next look in {})",
                    earlier.messageId(), waits, wait);
            message.setHeader(DeliveryHeaders.WAITS, waits);
            message.setHeader(DeliveryHeaders.GROUP_ID, earlier.caseReference());
            message.setHeader(DeliveryHeaders.SCHEDULED_AT, System.currentTimeMillis() + wait.toMillis());
            exchange.setProperty(WAITING, true);
        });
    }

    /** The connector's mapping turns the XÖV message into what the destination takes; without one it goes as is. */
    private void preparePayload(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        Queued queued = Queued.of(exchange);
        Connector connector = connectors.byId(queued.connector());
        byte[] xml = message.getBody(byte[].class);
        List<StoredAttachment> documents = documents(message, queued.trackingId(), xml);
        exchange.setProperty(DOCUMENTS, documents);
        Protocols.prepare(exchange, destination, credentials,
                connector.map(xml, queued.trackingId().value(), queued.messageId()), documents);
    }

    /** The documents that go with the message, once {@code prepare-payload} found them. */
    @SuppressWarnings("unchecked")
    static List<StoredAttachment> documents(Exchange exchange) {
        List<StoredAttachment> documents = exchange.getProperty(DOCUMENTS, List.class);
        return documents == null ? List.of() : documents;
    }

    /** The documents stored beside the message, as its XML declares them; none unless the intake stored some. */
    private List<StoredAttachment> documents(Message message, TrackingId trackingId, byte[] xml) throws XMLStreamException {
        Integer count = message.getHeader(DeliveryHeaders.ATTACHMENTS, Integer.class);
        return count == null || count == 0 ? List.of() : attachments.stored(trackingId, DeclaredDocument.in(xml));
    }

    private void recordDelivered(Exchange exchange) {
        int attempt = attempt(exchange);
        SubmissionStatus status = Protocols.status(exchange, destination);
        tracking.attempted(trackingId(exchange), status, attempt, Protocols.delivered(exchange, destination, attempt));
        if (Protocols.awaitsClose(destination)) {
            // not a delivery yet: metrics and health hear of it when the specialist system closes it
            log.info("Put into message box {} on attempt {}: {}", destination.id(), attempt, status);
            return;
        }
        log.info("Delivered to {} on attempt {}: {}", destination.id(), attempt,
                Protocols.accepted(exchange, destination) ? "accepted" : "rejected");
        attachments.delete(trackingId(exchange));
        outcomes.tell(listener -> listener.delivered(destination.id(), attempt, acceptedAt(exchange)));
    }

    private boolean noAttemptLeft(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return DeliveryFailures.isPermanent(failure) || failure instanceof PredecessorNotDeliveredException
                || attempt(exchange) >= destination.retry().maxAttempts();
    }

    private void recordFailedAttempt(Exchange exchange) {
        int attempt = attempt(exchange);
        String reason = DeliveryFailures.describe(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        tracking.attempted(trackingId(exchange), SubmissionStatus.FAILED, attempt,
                "Attempt " + attempt + " failed, will retry: " + reason);
        log.warn("Delivery attempt {} failed, the broker will redeliver: {}", attempt, reason);
        outcomes.tell(listener -> listener.failed(destination.id(), attempt));
    }

    private void recordDeadLetter(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = DeliveryFailures.describe(failure);
        exchange.getMessage().setHeader(DeliveryHeaders.LAST_ERROR, reason);
        if (failure instanceof PredecessorNotDeliveredException) {
            tracking.changed(trackingId(exchange), SubmissionStatus.DEAD_LETTER,
                    "Not attempted, moved to the dead-letter store: " + reason);
            exchange.getMessage().setHeader(DeliveryHeaders.ATTEMPTS, 0);
            log.error("Delivery given up without an attempt: {}", reason);
            outcomes.tell(listener -> listener.deadLettered(destination.id(), 0));
            return;
        }
        int attempt = attempt(exchange);
        String why = DeliveryFailures.isPermanent(failure) ? "permanent failure" : "no attempt left";
        tracking.attempted(trackingId(exchange), SubmissionStatus.DEAD_LETTER, attempt,
                "Attempt " + attempt + " failed (" + why + "), moved to the dead-letter store: " + reason);
        exchange.getMessage().setHeader(DeliveryHeaders.ATTEMPTS, attempt);
        log.error("Delivery given up after attempt {} ({}): {}", attempt, why, reason);
        outcomes.tell(listener -> listener.deadLettered(destination.id(), attempt));
    }

    /**
     * What the route knows of the message it delivers, read from the queued message's headers once: a protocol's
     * call replaces the message (and its headers) with the specialist system's answer.
     *
     * @param acceptedAt from the intake's header; a message queued before the hub set it counts from its JMS timestamp
     */
    record Queued(TrackingId trackingId, String messageId, String connector, int attempt, Instant acceptedAt) {

        private static final String PROPERTY = "amtsboteQueued";

        static Queued read(Exchange exchange) {
            Message message = exchange.getMessage();
            Integer count = message.getHeader(DeliveryHeaders.DELIVERY_COUNT, Integer.class);
            Long accepted = message.getHeader(DeliveryHeaders.ACCEPTED_AT, Long.class);
            if (accepted == null) {
                accepted = message.getHeader("JMSTimestamp", Long.class);
            }
            Queued queued = new Queued(new TrackingId(message.getHeader(DeliveryHeaders.TRACKING_ID, String.class)),
                    message.getHeader(DeliveryHeaders.MESSAGE_ID, String.class),
                    message.getHeader(DeliveryHeaders.CONNECTOR, String.class), count == null ? 1 : count,
                    accepted == null || accepted <= 0 ? null : Instant.ofEpochMilli(accepted));
            exchange.setProperty(PROPERTY, queued);
            return queued;
        }

        static Queued of(Exchange exchange) {
            Queued queued = exchange.getProperty(PROPERTY, Queued.class);
            return queued != null ? queued : read(exchange);
        }

        Queued trackedAs(TrackingId other, Exchange exchange) {
            Queued queued = new Queued(other, messageId, connector, attempt, acceptedAt);
            exchange.setProperty(PROPERTY, queued);
            return queued;
        }
    }

    private static Instant acceptedAt(Exchange exchange) {
        return Queued.of(exchange).acceptedAt();
    }

    private static TrackingId trackingId(Exchange exchange) {
        return Queued.of(exchange).trackingId();
    }

    private static int attempt(Exchange exchange) {
        return Queued.of(exchange).attempt();
    }
}
