package de.amtsbote.it;

import de.amtsbote.HubTestSupport;
import de.amtsbote.security.TestCertificates;
import jakarta.jms.JMSException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import org.apache.activemq.artemis.api.core.Interceptor;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A standalone Artemis broker in a process of its own, so a test can stop, kill and restart it under a running hub,
 * as an operator or a crash would. The instance (configuration and journal) lives under {@code target/it/} and
 * survives restarts; the journal is persistent and fsync'd, with the flush timer that {@code artemis create}
 * measures for this disk.
 */
public final class StandaloneArtemis implements AutoCloseable {

    private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final String USER = "amtsbote";
    private static final String PASSWORD = "it-" + UUID.randomUUID();

    private final ChildProcess process;
    private final Path instance;
    private final int port;
    /** null: plain TCP */
    private final TestCertificates tls;

    private StandaloneArtemis(ChildProcess process, Path instance, int port, TestCertificates tls) {
        this.process = process;
        this.instance = instance;
        this.port = port;
        this.tls = tls;
    }

    /**
     * Creates a broker instance from the distribution that Maven unpacked ({@code amtsbote.it.artemis-home}),
     * listening on a free loopback port with login required, without starting it. Only the core acceptor
     * (which speaks every protocol) and no web console, so nothing else needs a port.
     */
    public static StandaloneArtemis create() {
        return create(null, null);
    }

    /**
     * A broker that loses the confirmation of every send of a message marked by {@link LostConfirmation#MARK}
     * (and behaves as any other for the rest): {@link LostConfirmation} runs in it as an interceptor.
     */
    public static StandaloneArtemis createLosingConfirmations() {
        return create(LostConfirmation.class, null);
    }

    /**
     * A broker whose only acceptor speaks TLS, with the server certificate of {@code certificates} (valid for
     * 127.0.0.1): no plain port is offered. Its {@link #brokerUrl()} trusts the test CA.
     */
    public static StandaloneArtemis createWithTls(TestCertificates certificates) {
        return create(null, certificates);
    }

    private static StandaloneArtemis create(Class<? extends Interceptor> interceptor, TestCertificates tls) {
        Path home = Path.of(System.getProperty("amtsbote.it.artemis-home", "target/artemis-dist/apache-artemis-2.40.0"));
        if (!Files.isRegularFile(home.resolve("bin/artemis"))) {
            throw new IllegalStateException("no Artemis distribution at " + home.toAbsolutePath()
                    + " (mvn verify unpacks it in pre-integration-test)");
        }
        ChildProcess process = new ChildProcess("artemis");
        Path instance = process.directory().resolve("instance");
        int port = HubTestSupport.freePort();
        process.run(javaHome(), List.of(home.resolve("bin/artemis").toString(), "create", "--silent",
                "--user", USER, "--password", PASSWORD, "--require-login",
                "--host", "127.0.0.1", "--default-port", String.valueOf(port),
                "--no-web", "--no-amqp-acceptor", "--no-stomp-acceptor", "--no-hornetq-acceptor", "--no-mqtt-acceptor",
                "--java-memory", "512M", instance.toString()), CREATE_TIMEOUT);
        if (interceptor != null) {
            install(interceptor, instance);
        }
        if (tls != null) {
            acceptTlsOnly(tls, instance);
        }
        return new StandaloneArtemis(process, instance, port, tls);
    }

    /** Turns the instance's one acceptor (the core port, see {@link #create()}) into a TLS acceptor. */
    private static void acceptTlsOnly(TestCertificates tls, Path instance) {
        Path brokerXml = instance.resolve("etc/broker.xml");
        try {
            String xml = Files.readString(brokerXml);
            String tlsAcceptor = xml.replaceFirst("(<acceptor name=\"artemis\">tcp://[^?<]+\\?)", "$1"
                    + Matcher.quoteReplacement("sslEnabled=true;keyStorePath=" + tls.serverKeyStore()
                    + ";keyStorePassword=" + tls.password() + ";keyStoreType=PKCS12;"));
            if (tlsAcceptor.equals(xml)) {
                throw new IllegalStateException("no core acceptor in " + brokerXml);
            }
            Files.writeString(brokerXml, tlsAcceptor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot configure TLS in " + brokerXml, e);
        }
    }

    /** Puts the class into the instance's {@code lib/} (on the broker's class path) and registers it both ways. */
    private static void install(Class<? extends Interceptor> interceptor, Path instance) {
        String resource = interceptor.getName().replace('.', '/') + ".class";
        try (InputStream bytes = interceptor.getClassLoader().getResourceAsStream(resource)) {
            Files.createDirectories(instance.resolve("lib"));
            try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(
                    instance.resolve("lib").resolve(interceptor.getSimpleName() + ".jar")))) {
                jar.putNextEntry(new JarEntry(resource));
                bytes.transferTo(jar);
                jar.closeEntry();
            }
            Path brokerXml = instance.resolve("etc/broker.xml");
            String className = "<class-name>" + interceptor.getName() + "</class-name>";
            String xml = Files.readString(brokerXml).replaceFirst("<core ([^>]*)>", "<core $1>"
                    + "<remoting-incoming-interceptors>" + className + "</remoting-incoming-interceptors>"
                    + "<remoting-outgoing-interceptors>" + className + "</remoting-outgoing-interceptors>");
            Files.writeString(brokerXml, xml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install " + interceptor.getName() + " in " + instance, e);
        }
    }

    /** Starts the broker on its instance (journal included) and returns once it takes logins. */
    public StandaloneArtemis start() {
        long started = System.nanoTime();
        process.start(javaHome(), List.of(instance.resolve("bin/artemis").toString(), "run"));
        process.awaitReady(START_TIMEOUT, this::takesLogins, "broker " + brokerUrl());
        System.out.printf("Artemis at %s ready in %d ms%n", brokerUrl(), Duration.ofNanos(System.nanoTime() - started).toMillis());
        return this;
    }

    /** SIGTERM: the broker closes its journal and connections cleanly (SIGKILL after a grace period). */
    public void stop() {
        process.stop(STOP_GRACE);
    }

    /** SIGKILL: the broker dies mid-write, as in a crash or an OOM kill. */
    public void kill() {
        process.kill();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** The URL a client connects with; over TLS it trusts the test CA (and checks the broker's host name). */
    public String brokerUrl() {
        String url = plainUrl();
        return tls == null ? url : url + "?sslEnabled=true&trustStorePath=" + tls.trustStore()
                + "&trustStorePassword=" + tls.password() + "&trustStoreType=PKCS12";
    }

    /**
     * Whether a login without TLS succeeds on the broker's port (it must not on a {@link #createWithTls} broker). A
     * TLS acceptor does not answer plain requests, so the login gives up after a call timeout: a broker on loopback
     * answers a login within milliseconds.
     */
    public boolean takesPlainLogins() {
        return takesLogins(plainUrl() + "?callTimeout=2000");
    }

    private String plainUrl() {
        return "tcp://127.0.0.1:" + port;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /**
     * The hub's command-line properties for this broker. Boot starts its embedded broker whenever the Artemis
     * server is on the class path, whatever {@code spring.artemis.mode} says: it must be switched off, or the hub
     * runs an unused broker with a journal (and its lock) in its data directory.
     */
    Map<String, String> hubProperties() {
        return Map.of("spring.artemis.mode", "native",
                "spring.artemis.broker-url", brokerUrl(), "spring.artemis.user", USER, "spring.artemis.password", PASSWORD);
    }

    /** The broker's console output, for failure messages. */
    public String logTail() {
        return process.logTail();
    }

    @Override
    public void close() {
        stop();
    }

    /** The broker scripts run the JVM of this test, whatever is on the PATH. */
    private static Map<String, String> javaHome() {
        return Map.of("JAVA_HOME", System.getProperty("java.home"));
    }

    /** A real JMS login rather than an open port: it also proves the credentials the hub will use. */
    private boolean takesLogins() {
        return takesLogins(brokerUrl());
    }

    private static boolean takesLogins(String url) {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, USER, PASSWORD)) {
            factory.createConnection().close();
            return true;
        } catch (JMSException notYet) {
            return false;
        }
    }
}
