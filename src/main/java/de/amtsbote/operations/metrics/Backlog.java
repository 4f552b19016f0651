package de.amtsbote.operations.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.amtsbote.connectors.ConnectorRegistry;
import de.amtsbote.delivery.DeliveryProperties;
import de.amtsbote.tracking.DeadLetterStore;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * What waits per destination: messages in its queue, the age of the oldest, and dead letters in the store. Read by
 * one background thread every {@code amtsbote.monitoring.broker-read-interval}, never by a scrape or a health probe,
 * so that neither can load the broker or hang on it.
 *
 * <p>The broker is asked through Artemis' management address over JMS, which works alike for the embedded broker
 * and an external one (there the hub's broker user needs the {@code manage} permission, as for its queue settings).
 * The oldest message is the older of the queue's first waiting message and its first scheduled one (a message
 * waiting for its redelivery delay). If the broker does not answer, the reading is unknown (the gauges show NaN)
 * and the hub logs it once, not on every read.
 */
@Component
public class Backlog implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Backlog.class);
    private static final String MANAGEMENT_ADDRESS = "activemq.management";
    private static final long REPLY_TIMEOUT_MS = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A queue exists only once its route consumes it: failures while the hub starts are no news. */
    private static final Duration FAILING_BEFORE_WARNING = Duration.ofSeconds(30);

    /**
     * @param queued         messages in the destination's queue (waiting, scheduled for redelivery, in delivery),
     *                       or -1 if the broker did not say
     * @param oldestQueued   when the oldest waiting message was sent, or null if none waits (or unknown)
     * @param deadLetters    dead letters of the destination in the store, or -1 if unknown
     * @param brokerAnswered whether the broker answered this reading
     */
    public record Reading(long queued, Instant oldestQueued, long deadLetters, boolean brokerAnswered, Instant readAt) {

        /** The age of the oldest waiting message at the time of reading; zero when none waits. */
        public Duration oldestAge() {
            return oldestQueued == null ? Duration.ZERO : Duration.between(oldestQueued, readAt);
        }
    }

    private final QueueConnectionFactory connectionFactory;
    private final DeliveryProperties delivery;
    private final ConnectorRegistry connectors;
    private final DeadLetterStore deadLetters;
    private final MonitoringProperties monitoring;
    private final Map<String, Reading> readings = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService reader;
    private Instant failingSince; // guarded by read()'s lock
    private boolean failureLogged;

    Backlog(QueueConnectionFactory connectionFactory, DeliveryProperties delivery, ConnectorRegistry connectors,
            DeadLetterStore deadLetters, MonitoringProperties monitoring) {
        this.connectionFactory = connectionFactory;
        this.delivery = delivery;
        this.connectors = connectors;
        this.deadLetters = deadLetters;
        this.monitoring = monitoring;
    }

    /** The latest reading of a destination, if one was taken. */
    public Optional<Reading> of(String destination) {
        return Optional.ofNullable(readings.get(destination));
    }

    /** Reads everything now (the background thread does this on its own; tests need not wait for it). */
    public synchronized void read() {
        Map<String, long[]> broker = readBroker();
        Instant now = Instant.now();
        connectors.destinations().keySet().forEach(destination -> {
            long[] queue = broker.get(destination);
            readings.put(destination, new Reading(queue == null ? -1 : queue[0],
                    queue == null || queue[1] <= 0 ? null : Instant.ofEpochMilli(queue[1]),
                    countDeadLetters(destination), queue != null, now));
        });
    }

    /** Per destination: {message count, timestamp of the oldest waiting message or 0}; empty if the broker failed. */
    private Map<String, long[]> readBroker() {
        Map<String, long[]> result = new ConcurrentHashMap<>();
        try (QueueConnection connection = connectionFactory.createQueueConnection();
             QueueSession session = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE)) {
            connection.start();
            TemporaryQueue replies = session.createTemporaryQueue();
            try (MessageProducer requests = session.createProducer(session.createQueue(MANAGEMENT_ADDRESS));
                 MessageConsumer answers = session.createConsumer(replies)) {
                Refused refused = null;
                for (String destination : connectors.destinations().keySet()) {
                    String queue = ResourceNames.QUEUE + delivery.queueFor(destination);
                    try {
                        long count = ((Number) ask(session, requests, answers, replies, queue, "messageCount", false)).longValue();
                        long oldest = oldest(ask(session, requests, answers, replies, queue, "firstMessageTimestamp", false),
                                scheduledTimestamp(ask(session, requests, answers, replies, queue,
                                        "peekFirstScheduledMessageAsJSON", true)));
                        result.put(destination, new long[] {count, oldest});
                    } catch (Refused e) {
                        refused = e; // this queue only (not created yet, no permission): the others are still read
                    }
                }
                if (refused != null) {
                    throw refused;
                }
            } finally {
                replies.delete();
            }
            if (failureLogged) {
                log.info("The broker answers the queue statistics again");
            }
            failingSince = null;
            failureLogged = false;
        } catch (Exception e) {
            Instant now = Instant.now();
            failingSince = failingSince == null ? now : failingSince;
            if (!failureLogged && Duration.between(failingSince, now).compareTo(FAILING_BEFORE_WARNING) >= 0) {
                failureLogged = true;
                log.warn("Queue statistics unavailable from the broker (queue depth and age show NaN until it"
                        + " answers; on an external broker the hub's user needs the manage permission): {}", e.toString());
            } else {
                log.debug("Queue statistics not read: {}", e.toString());
            }
            if (!(e instanceof Refused)) {
                result.clear(); // no answer at all: nothing read is certain
            }
        }
        return result;
    }

    private static Object ask(QueueSession session, MessageProducer requests, MessageConsumer answers,
                              TemporaryQueue replies, String resource, String name, boolean operation) throws JMSException {
        Message request = session.createMessage();
        if (operation) {
            JMSManagementHelper.putOperationInvocation(request, resource, name);
        } else {
            JMSManagementHelper.putAttribute(request, resource, name);
        }
        request.setJMSReplyTo(replies);
        requests.send(request);
        Message reply = answers.receive(REPLY_TIMEOUT_MS);
        if (reply == null) {
            throw new IllegalStateException("No answer from the broker's management address for " + resource + " " + name);
        }
        Object result;
        try {
            result = JMSManagementHelper.getResult(reply);
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable answer for " + resource + " " + name, e);
        }
        if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
            throw new Refused("The broker refused " + resource + " " + name + ": " + result);
        }
        return result;
    }

    /** The broker answered, but not with the value: the reading of this one queue is unknown. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private static long scheduledTimestamp(Object json) {
        if (!(json instanceof String text) || text.isBlank() || "null".equals(text)) {
            return 0;
        }
        try {
            JsonNode message = JSON.readTree(text);
            return message.path("timestamp").asLong(0);
        } catch (Exception e) {
            return 0;
        }
    }

    private static long oldest(Object firstTimestamp, long scheduled) {
        long first = firstTimestamp instanceof Number number ? number.longValue() : 0;
        if (first <= 0) {
            return scheduled;
        }
        return scheduled <= 0 ? first : Math.min(first, scheduled);
    }

    private long countDeadLetters(String destination) {
        try {
            return deadLetters.count(destination);
        } catch (RuntimeException e) {
            log.debug("Dead letters of {} not counted: {}", destination, e.toString());
            return -1;
        }
    }

    @Override
    public void start() {
        reader = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "amtsbote-backlog-reader");
            thread.setDaemon(true);
            return thread;
        });
        long interval = monitoring.brokerReadInterval().toMillis();
        reader.scheduleWithFixedDelay(() -> {
            try {
                read();
            } catch (RuntimeException e) {
                log.warn("Backlog not read: {}", e.toString());
            }
        }, 0, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = reader;
        if (running != null) {
            running.shutdownNow();
        }
        reader = null;
    }

    @Override
    public boolean isRunning() {
        return reader != null;
    }
}
