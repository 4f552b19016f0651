package de.amtsbote.delivery;

import de.amtsbote.attachments.StoredAttachment;
import de.amtsbote.tracking.MessageBoxStore;
import org.apache.camel.Exchange;
import org.apache.camel.Handler;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * The call step of a message-box destination ({@code bean:messageBoxDrop}): the mapped payload goes into the
 * destination's box in the hub's database, where its specialist system pulls it; its documents stay in the attachment
 * store until it is closed. What the put found (a new entry, or one of an earlier attempt) is left on the exchange for
 * the history.
 */
@Component(MessageBoxDrop.BEAN)
class MessageBoxDrop {

    static final String BEAN = "messageBoxDrop";
    /** The exchange property with the {@link MessageBoxStore.Put} of the call. */
    static final String OUTCOME = "amtsboteMessageBoxPut";
    /** Set by {@link Protocols#prepare}: which box. */
    static final String DESTINATION = "amtsboteMessageBox";

    private final MessageBoxStore boxes;

    MessageBoxDrop(MessageBoxStore boxes) {
        this.boxes = boxes;
    }

    @Handler
    void put(Exchange exchange) {
        Message message = exchange.getMessage();
        DeliveryRoute.Queued queued = DeliveryRoute.Queued.of(exchange);
        exchange.setProperty(OUTCOME, boxes.put(exchange.getProperty(DESTINATION, String.class), queued.trackingId(),
                queued.messageId(), queued.connector(), message.getHeader(Exchange.CONTENT_TYPE, String.class),
                message.getBody(byte[].class), DeliveryRoute.documents(exchange).stream().map(StoredAttachment::document)
                        .toList(), queued.acceptedAt()));
    }
}
