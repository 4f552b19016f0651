package de.amtsbote.operations;

import de.amtsbote.connectors.ConnectorRegistry;
import de.amtsbote.delivery.DeliveryHeaders;
import de.amtsbote.tracking.DeadLetter;
import de.amtsbote.tracking.DeadLetterStore;
import de.amtsbote.tracking.Submission;
import de.amtsbote.tracking.SubmissionStatus;
import de.amtsbote.tracking.TrackingId;
import de.amtsbote.tracking.TrackingStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Moves what lands on the dead-letter queue into the dead-letter store, where operators can list, replay and
 * discard it. Two sources: the delivery routes (permanent failure or last attempt, with the error) and the broker
 * itself (its own attempt limit, a safety net one attempt beyond the hub's).
 */
@Component
class DeadLetterRoute extends RouteBuilder {

    private final DeadLetterStore deadLetters;
    private final TrackingStore tracking;
    private final ConnectorRegistry connectors;

    DeadLetterRoute(DeadLetterStore deadLetters, TrackingStore tracking, ConnectorRegistry connectors) {
        this.deadLetters = deadLetters;
        this.tracking = tracking;
        this.connectors = connectors;
    }

    @Override
    public void configure() {
        from("jms:queue:{{amtsbote.delivery.dead-letter-queue}}?transacted=true&lazyCreateTransactionManager=false"
                + "&cacheLevelName=CACHE_CONSUMER")
                .routeId("dead-letter-store")
                .description("Keep dead letters in the dead-letter store for operators")
                .process(this::keep).id("keep-dead-letter");
    }

    private void keep(Exchange exchange) {
        Message message = exchange.getMessage();
        TrackingId trackingId = new TrackingId(message.getHeader(DeliveryHeaders.TRACKING_ID, String.class));
        Optional<Submission> submission = tracking.find(trackingId);
        String connector = message.getHeader(DeliveryHeaders.CONNECTOR, String.class);
        String lastError = message.getHeader(DeliveryHeaders.LAST_ERROR, String.class);
        Integer attempts = message.getHeader(DeliveryHeaders.ATTEMPTS, Integer.class);
        if (lastError == null) {
            attempts = submission.map(Submission::attempts).orElse(0);
            lastError = "The broker gave up after its own attempt limit";
            tracking.changed(trackingId, SubmissionStatus.DEAD_LETTER, lastError + "; moved to the dead-letter store");
        }
        Map<String, Object> headers = new TreeMap<>(message.getHeaders());
        headers.keySet().removeIf(name -> !name.startsWith(DeliveryHeaders.PREFIX) && !name.equals(Exchange.BREADCRUMB_ID));
        deadLetters.keep(new DeadLetter(trackingId.value(), message.getHeader(DeliveryHeaders.MESSAGE_ID, String.class),
                connector, submission.map(Submission::destination).orElseGet(() -> connectors.byId(connector).destinationId()),
                submission.map(Submission::caseReference).orElse(null), attempts, lastError, Instant.now(), headers,
                0, message.getBody(byte[].class)));
        log.info("Kept in the dead-letter store after {} attempts: {}", attempts, lastError);
    }
}
