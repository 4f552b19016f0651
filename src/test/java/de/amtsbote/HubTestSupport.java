package de.amtsbote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import de.amtsbote.it.Postgres;
import de.amtsbote.security.TestIssuer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one shared Spring context of the flow tests: the whole hub with its embedded broker, database and demo
 * specialist system, on a free port, with a journal and database of its own under {@code target/}.
 * Every flow test extends this class, so the context (and its broker) boots once.
 *
 * <p>Beside the demo clients it knows a portal registered for no connector ({@code other-portal-key}), a portal
 * with a tight rate ({@code limited-portal-key}), one that may have one request in progress
 * ({@code busy-portal-key}) and a portal that authenticates by bearer token from
 * {@link #ISSUER} ({@code jwt-portal}), a specialist system that answers for eBauantrag ({@code bauamt-key}), one
 * that pulls from the test message boxes ({@code pulling-system-key}, MessageBoxTest's and AttachmentsTest's), and
 * two portals whose callback URLs point at {@link #CALLBACK_PORT} on loopback ({@code callback-portal-key} at
 * {@code /answers}, {@code refusing-portal-key} at {@code /refused}), where a test serves them, and a portal for
 * the attachment tests' connectors ({@code attachment-portal-key}); documents are at most 1 MB here.
 *
 * <p>With the system property {@code amtsbote.test.database=postgresql} (the build's second test run) the same
 * tests run with the tracking store on a real PostgreSQL server instead of the embedded H2.
 */
@Tag("flow")
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "amtsbote.intake.max-body-size=1MB",
        "amtsbote.destinations.bauaufsicht.retry.delay=100ms",
        "amtsbote.monitoring.broker-read-interval=200ms",
        "amtsbote.monitoring.destinations.degraded-queue-age=2s",
        "amtsbote.security.clients.other-portal.roles=portal",
        "amtsbote.security.clients.other-portal.api-key=other-portal-key",
        "amtsbote.security.clients.limited-portal.roles=portal",
        "amtsbote.security.clients.limited-portal.api-key=limited-portal-key",
        "amtsbote.security.clients.limited-portal.connectors=ebauantrag",
        "amtsbote.security.clients.limited-portal.limits.requests-per-second=5",
        "amtsbote.security.clients.busy-portal.roles=portal",
        "amtsbote.security.clients.busy-portal.api-key=busy-portal-key",
        "amtsbote.security.clients.busy-portal.limits.concurrent-requests=1",
        "amtsbote.security.clients.jwt-portal.roles=portal",
        "amtsbote.security.clients.jwt-portal.connectors=ebauantrag",
        "amtsbote.security.clients.protocol-portal.roles=portal",
        "amtsbote.security.clients.protocol-portal.api-key=protocol-portal-key",
        "amtsbote.security.clients.protocol-portal.connectors=protocol-rest,protocol-file,protocol-sftp,protocol-jms,protocol-reload,"
                + "protocol-msgbox,protocol-msgbox-xml",
        // a specialist system that pulls from the message-box destinations of MessageBoxTest
        "amtsbote.security.clients.pulling-system.roles=specialist-system",
        "amtsbote.security.clients.pulling-system.api-key=pulling-system-key",
        "amtsbote.security.clients.pulling-system.connectors=protocol-msgbox,protocol-msgbox-xml,attachment-msgbox",
        "amtsbote.security.clients.attachment-portal.roles=portal",
        "amtsbote.security.clients.attachment-portal.api-key=attachment-portal-key",
        "amtsbote.security.clients.attachment-portal.connectors=attachment-rest,attachment-file,attachment-jms,attachment-soap,attachment-xta,"
                + "attachment-msgbox,attachment-answer",
        "amtsbote.attachments.max-part-size=1MB",
        "amtsbote.security.clients.bauamt.roles=specialist-system",
        "amtsbote.security.clients.bauamt.api-key=bauamt-key",
        // and for the attachment tests' connectors whose answers carry documents
        "amtsbote.security.clients.bauamt.connectors=ebauantrag,attachment-answer,attachment-xta",
        "amtsbote.security.clients.callback-portal.roles=portal",
        "amtsbote.security.clients.callback-portal.api-key=callback-portal-key",
        "amtsbote.security.clients.callback-portal.connectors=ebauantrag,attachment-answer",
        "amtsbote.security.clients.refusing-portal.roles=portal",
        "amtsbote.security.clients.refusing-portal.api-key=refusing-portal-key",
        "amtsbote.security.clients.refusing-portal.connectors=ebauantrag",
        "amtsbote.answers.retry.delay=100ms",
        "amtsbote.answers.retry.max-attempts=5",
        "amtsbote.security.clients.xta-reader.roles=portal",
        "amtsbote.security.clients.xta-reader.connectors=ebauantrag,attachment-xta",
        // the XTA reader of a fake XTA server (XtaReaderTest), started only by the tests that serve it
        "amtsbote.xta.accounts.fake.enabled=true",
        "amtsbote.xta.accounts.fake.auto-start=false",
        "amtsbote.xta.accounts.fake.reader-identifier=dvdv:08111-0000",
        "amtsbote.xta.accounts.fake.client=xta-reader",
        "amtsbote.xta.accounts.fake.poll-interval=200ms",
        "amtsbote.xta.accounts.fake.max-list-items=50",
        "amtsbote.credentials.protocol-test.username=amtsbote",
        "amtsbote.credentials.protocol-test.password=s3cret-for-tests"})
public abstract class HubTestSupport {

    protected static final int PORT = freePort();
    protected static final Path DATA_DIR = newDataDir();
    /** Where the callback portals' test server listens. */
    protected static final int CALLBACK_PORT = freePort();
    protected static final TestIssuer ISSUER = TestIssuer.start();
    /** Where the fake XTA server of the XTA tests listens; nothing does while they do not run. */
    protected static final int XTA_PORT = freePort();
    /** Copies of the shipped connector and schema folders: tests add connectors there and reload them. */
    protected static final Path ROUTES = copyOf(Path.of("routes"), DATA_DIR.resolve("routes"));
    protected static final Path SCHEMAS = copyOf(Path.of("schemas"), DATA_DIR.resolve("schemas"));

    @Autowired
    private MeterRegistry meters;

    /**
     * The intake's count of one outcome ({@code accepted}, {@code resent}, {@code rejected}) over every series
     * with these tags (name, value, ...), as {@code /actuator/prometheus} exposes it.
     */
    protected double intakeCount(String outcome, String... tags) {
        return meters.find("amtsbote.intake." + outcome).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }

    @DynamicPropertySource
    static void hubProperties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("amtsbote.data-dir", DATA_DIR::toString);
        registry.add("amtsbote.xta.accounts.fake.msg-box-address", () -> "http://127.0.0.1:" + XTA_PORT + "/xta/msgbox");
        registry.add("amtsbote.xta.accounts.fake.send-address", () -> "http://127.0.0.1:" + XTA_PORT + "/xta/send");
        registry.add("amtsbote.xta.accounts.fake.management-address", () -> "http://127.0.0.1:" + XTA_PORT + "/xta/management");
        registry.add("amtsbote.connectors.routes", ROUTES::toString);
        registry.add("amtsbote.connectors.schemas", SCHEMAS::toString);
        registry.add("amtsbote.security.clients.callback-portal.callback-url",
                () -> "http://127.0.0.1:" + CALLBACK_PORT + "/answers");
        registry.add("amtsbote.security.clients.refusing-portal.callback-url",
                () -> "http://127.0.0.1:" + CALLBACK_PORT + "/refused");
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER::issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", ISSUER::jwkSetUri);
        if ("postgresql".equals(System.getProperty("amtsbote.test.database"))) {
            Postgres.newDatabase().hubProperties().forEach((name, value) -> registry.add(name, () -> value));
        }
    }

    /** A fresh data directory under target/, so that no two hubs share a journal lock. */
    public static Path newDataDir() {
        return Path.of("target", "test-data", UUID.randomUUID().toString()).toAbsolutePath();
    }

    /** A copy of a folder tree, so that a test can change it without touching the project's files. */
    public static Path copyOf(Path source, Path target) {
        try (var files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Picks a port nobody listens on now; the hub binds it moments later. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
