package de.amtsbote.operations.console;

import de.amtsbote.connectors.DestinationProperties;
import de.amtsbote.delivery.DeliveryProperties;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.QueueBrowser;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * How many messages wait on each destination's queue and on the dead-letter queue, counted by browsing (the broker
 * may be embedded or external: plain JMS works with both). Messages a consumer holds in delivery are not counted;
 * a count stops at {@link #LIMIT} so a huge backlog does not make the dashboard browse all of it.
 */
@Component
class QueueDepths {

    static final int LIMIT = 10_000;
    private static final Logger log = LoggerFactory.getLogger(QueueDepths.class);

    private final JmsTemplate jms;
    private final DeliveryProperties delivery;
    private final DestinationProperties destinations;

    QueueDepths(ConnectionFactory connectionFactory, DeliveryProperties delivery, DestinationProperties destinations) {
        this.jms = new JmsTemplate(connectionFactory);
        this.delivery = delivery;
        this.destinations = destinations;
    }

    /** A queue's depth, or null when it could not be read. */
    record Depth(String destination, String queue, Integer messages, boolean atLimit) {
    }

    /** One line per configured destination, then the dead-letter queue (destination null). */
    List<Depth> all() {
        Map<String, String> queues = new LinkedHashMap<>();
        destinations.destinations().keySet().stream().sorted()
                .forEach(destination -> queues.put(destination, delivery.queueFor(destination)));
        List<Depth> depths = new ArrayList<>();
        queues.forEach((destination, queue) -> depths.add(depth(destination, queue)));
        depths.add(depth(null, delivery.deadLetterQueue()));
        return depths;
    }

    private Depth depth(String destination, String queue) {
        try {
            Integer count = jms.browse(queue, (session, browser) -> count(browser));
            return new Depth(destination, queue, count, count != null && count >= LIMIT);
        } catch (RuntimeException e) {
            log.warn("Depth of queue {} not readable: {}", queue, e.toString());
            return new Depth(destination, queue, null, false);
        }
    }

    private static Integer count(QueueBrowser browser) throws JMSException {
        int count = 0;
        for (Enumeration<?> messages = browser.getEnumeration(); messages.hasMoreElements() && count < LIMIT; count++) {
            messages.nextElement();
        }
        return count;
    }
}
