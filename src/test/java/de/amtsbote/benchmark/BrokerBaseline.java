package de.amtsbote.benchmark;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * What the broker alone carries in the hub's shape, on the same disk: an embedded Artemis with the hub's journal
 * (persistent, NIO, the hub's flush timer), K producers each sending persistent messages of the sample's size and
 * blocking until the broker has them on disk (as the intake does before its 202), and C consumers committing a
 * transaction per message (as each delivery does). The hub's throughput is reported as a share of this rate.
 */
final class BrokerBaseline {

    private static final String QUEUE = "baseline";
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    /** A quarter of the measured number is sent first, not counted. */
    private static final int WARM_UP_SHARE = 4;

    private BrokerBaseline() {
    }

    /** @return messages per second from the first send to the last commit, after a warm-up */
    static double measure(Path dataDir, int messages, int producers, int consumers, int messageBytes,
                          Duration journalBufferTimeout) throws Exception {
        Configuration configuration = new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJournalType(JournalType.NIO)
                .setJournalBufferTimeout_NIO((int) journalBufferTimeout.toNanos())
                .setJournalDirectory(dataDir.resolve("journal").toString())
                .setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setLargeMessagesDirectory(dataDir.resolve("large-messages").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString())
                .addAcceptorConfiguration("in-vm", "vm://0");
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(configuration);
        broker.start();
        ExecutorService threads = Executors.newFixedThreadPool(producers + consumers, HubBenchmark.daemon("baseline"));
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("vm://0");
             Connection connection = factory.createConnection()) {
            connection.start();
            byte[] payload = new byte[messageBytes];
            // a cold JVM (this one) sends several times slower for its first seconds, as the hub does
            run(connection, threads, Math.max(1, messages / WARM_UP_SHARE), producers, consumers, payload);
            return run(connection, threads, messages, producers, consumers, payload);
        } finally {
            threads.shutdownNow();
            broker.stop();
        }
    }

    /** @return messages per second from the first send to the last commit */
    private static double run(Connection connection, ExecutorService threads, int messages, int producers,
                              int consumers, byte[] payload) throws Exception {
        AtomicInteger toSend = new AtomicInteger(messages);
        AtomicInteger received = new AtomicInteger();
        List<Future<?>> work = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < consumers; i++) {
            work.add(threads.submit(() -> consume(connection, received, messages)));
        }
        for (int i = 0; i < producers; i++) {
            work.add(threads.submit(() -> produce(connection, toSend, payload)));
        }
        for (Future<?> future : work) {
            future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        return messages / ((System.nanoTime() - started) / 1e9);
    }

    private static Void produce(Connection connection, AtomicInteger toSend, byte[] payload) throws JMSException {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            Queue queue = session.createQueue(QUEUE);
            MessageProducer producer = session.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            while (toSend.getAndDecrement() > 0) {
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(payload);
                producer.send(message); // blocks until the broker has synced it
            }
        }
        return null;
    }

    private static Void consume(Connection connection, AtomicInteger received, int messages) throws JMSException {
        try (Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
            while (received.get() < messages) {
                if (consumer.receive(100) != null) {
                    session.commit();
                    received.incrementAndGet();
                }
            }
        }
        return null;
    }
}
