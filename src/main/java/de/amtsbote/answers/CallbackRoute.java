package de.amtsbote.answers;

import de.amtsbote.attachments.AttachmentStore;
import de.amtsbote.attachments.DeclaredDocument;
import de.amtsbote.attachments.FormData;
import de.amtsbote.attachments.StoredAttachment;
import de.amtsbote.delivery.DeliveryFailures;
import de.amtsbote.delivery.DeliveryHeaders;
import de.amtsbote.delivery.TransactedConsumer;
import de.amtsbote.security.Client;
import de.amtsbote.security.Clients;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.hc.core5.http.HttpEntity;
import org.springframework.stereotype.Component;

/**
 * Answers back to the portals that registered a callback URL, with the reliability of outbound delivery: the route
 * consumes the callback queue in a JMS transaction and POSTs the answer's XML to the portal. A 2xx is delivered; a
 * failed attempt rolls back and the broker redelivers after the configured delay, so no thread waits here; a 4xx
 * (other than 408/429) or the last attempt gives up, recorded on the answer, which the portal can still read.
 * An answer already recorded as delivered is not posted again.
 */
@Component
class CallbackRoute extends RouteBuilder {

    /** Bean names of {@link CallbackConfiguration} and of the delivery's HTTP client, which never retries by itself. */
    private static final String HTTP_OPTIONS = "httpMethod=POST&throwExceptionOnFailure=true"
            + "&headerFilterStrategy=#" + CallbackConfiguration.HEADER_FILTER + "&httpClientConfigurer=#restClient";
    private static final String ENDPOINT = "callbackEndpoint";
    private static final String ANSWER = "callbackAnswer";

    private static final String CHANNEL = "callbackChannel";

    private final AnswerStore answers;
    private final AnswerProperties properties;
    private final Clients clients;
    private final AnswerChannels channels;
    private final AttachmentStore attachments;

    CallbackRoute(AnswerStore answers, AnswerProperties properties, Clients clients, AnswerChannels channels,
                  AttachmentStore attachments) {
        this.answers = answers;
        this.properties = properties;
        this.clients = clients;
        this.channels = channels;
        this.attachments = attachments;
    }

    @Override
    public void configure() {
        errorHandler(defaultErrorHandler().logExhausted(false)); // the handlers below log each failure once

        // the answer stays in the answer store; only its callback ends here
        onException(Exception.class).onWhen(this::noAttemptLeft)
                .handled(true)
                .process(this::recordGivenUp).id("record-callback-given-up");

        onException(Exception.class)
                .process(this::recordFailedAttempt).id("record-failed-callback"); // not handled: rolled back, redelivered

        from("jms:queue:{{amtsbote.answers.callback-queue}}?" + TransactedConsumer.OPTIONS
                + "&concurrentConsumers={{amtsbote.answers.consumers:2}}")
                .routeId("answer-callback")
                .description("Bring specialist systems' answers back: the way the submission came in, or the portal's callback URL")
                .process(this::prepare).id("prepare-callback")
                .filter(exchangeProperty(ENDPOINT).isNotNull())
                    .toD("${exchangeProperty." + ENDPOINT + "}").id("call-portal")
                    .process(this::recordDelivered).id("record-callback-delivered")
                .end();
    }

    /**
     * The way the submission came in (an {@link AnswerChannel}), else the portal's current callback URL
     * (configuration may have changed since the answer was queued).
     */
    private void prepare(Exchange exchange) throws XMLStreamException {
        Message message = exchange.getMessage();
        Queued queued = Queued.read(message);
        exchange.setProperty(ANSWER, queued);
        if (answers.find(queued.answerId()).map(Answer::status).orElse(null) == AnswerStatus.DELIVERED) {
            answers.noted(queued.answerId(), AnswerStatus.DELIVERED, "Delivered before; the broker's redelivery (attempt "
                    + queued.attempt() + ") was not sent again");
            return;
        }
        byte[] answer = message.getBody(byte[].class);
        List<StoredAttachment> documents = attachments.storedForAnswer(queued.answerId(), DeclaredDocument.in(answer));
        Optional<AnswerChannel> channel = channels.of(queued.trackingId());
        if (channel.isPresent()) {
            exchange.setProperty(CHANNEL, channel.get());
            exchange.setProperty(ENDPOINT, channel.get().prepare(exchange, queued.trackingId(), queued.answerId(),
                    answer, documents));
            return;
        }
        Optional<URI> callback = clients.byId(queued.portal()).flatMap(Client::callback);
        if (callback.isEmpty()) {
            answers.changed(queued.answerId(), AnswerStatus.RECEIVED, "Portal " + queued.portal()
                    + " has no callback URL any more; it reads the answer from the hub");
            log.warn("Callback of answer {} dropped: portal {} has no callback URL; the answer stays readable",
                    queued.answerId(), queued.portal());
            return;
        }
        String url = callback.get().toString();
        long timeout = properties.timeout().toMillis();
        exchange.setProperty(ENDPOINT, url + (url.contains("?") ? "&" : "?") + HTTP_OPTIONS
                + "&connectTimeout=" + timeout + "&responseTimeout=" + timeout);
        if (documents.isEmpty()) {
            message.setHeader(Exchange.CONTENT_TYPE, "application/xml");
        } else {
            // as the portal posts submissions with documents: the answer in part "message", a part per document
            HttpEntity parts = FormData.of(answer, "application/xml", "answer-" + queued.answerId() + ".xml", documents);
            message.setBody(parts);
            message.setHeader(Exchange.CONTENT_TYPE, parts.getContentType());
        }
        message.setHeader(CallbackHeaders.HTTP_ANSWER_ID, queued.answerId());
        message.setHeader(CallbackHeaders.HTTP_IDEMPOTENCY_KEY, queued.answerId());
        message.setHeader(CallbackHeaders.HTTP_TRACKING_ID, queued.trackingId());
    }

    private void recordDelivered(Exchange exchange) {
        Queued queued = exchange.getProperty(ANSWER, Queued.class);
        AnswerChannel channel = exchange.getProperty(CHANNEL, AnswerChannel.class);
        String where = channel != null ? channel.describe(queued.trackingId())
                : "the callback of " + queued.portal() + " (HTTP "
                + exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class) + ")";
        answers.attempted(queued.answerId(), AnswerStatus.DELIVERED, queued.attempt(), "Delivered to " + where
                + " on attempt " + queued.attempt());
        attachments.deleteForAnswer(queued.answerId()); // they went along
        log.info("Answer {} delivered to {} on attempt {}", queued.answerId(), where, queued.attempt());
    }


    private boolean noAttemptLeft(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return DeliveryFailures.isPermanent(failure) || queued(exchange).attempt() >= properties.retry().maxAttempts();
    }

    private void recordFailedAttempt(Exchange exchange) {
        Queued queued = queued(exchange);
        String reason = DeliveryFailures.describe(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        answers.attempted(queued.answerId(), AnswerStatus.FAILED, queued.attempt(),
                "Callback attempt " + queued.attempt() + " failed, will retry: " + reason);
        log.warn("Callback attempt {} of answer {} failed, the broker will redeliver: {}", queued.attempt(),
                queued.answerId(), reason);
    }

    private void recordGivenUp(Exchange exchange) {
        Queued queued = queued(exchange);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String why = DeliveryFailures.isPermanent(failure) ? "permanent failure" : "no attempt left";
        String reason = DeliveryFailures.describe(failure);
        answers.attempted(queued.answerId(), AnswerStatus.DEAD_LETTER, queued.attempt(), "Callback attempt "
                + queued.attempt() + " failed (" + why + "), given up; the portal can still read the answer: " + reason);
        log.error("Callback of answer {} to portal {} given up after attempt {} ({}): {}", queued.answerId(),
                queued.portal(), queued.attempt(), why, reason);
    }

    private static Queued queued(Exchange exchange) {
        Queued queued = exchange.getProperty(ANSWER, Queued.class);
        return queued != null ? queued : Queued.read(exchange.getMessage());
    }

    /** What the route knows of the callback, read once: the HTTP call replaces the message with the portal's answer. */
    record Queued(String answerId, String trackingId, String portal, int attempt) {

        static Queued read(Message message) {
            Integer count = message.getHeader(DeliveryHeaders.DELIVERY_COUNT, Integer.class);
            return new Queued(message.getHeader(CallbackHeaders.ANSWER_ID, String.class),
                    message.getHeader(DeliveryHeaders.TRACKING_ID, String.class),
                    message.getHeader(CallbackHeaders.PORTAL, String.class), count == null ? 1 : count);
        }
    }
}
