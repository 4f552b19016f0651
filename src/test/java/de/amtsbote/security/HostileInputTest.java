package de.amtsbote.security;

import static org.assertj.core.api.Assertions.assertThat;

import de.amtsbote.Canary;
import de.amtsbote.HubClient;
import de.amtsbote.HubTestSupport;
import de.amtsbote.Samples;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hostile-input corpus ({@code src/test/resources/hostile/}, listed with the expected answers in its
 * {@code index.csv}) against the running hub: each document is refused with its 4xx problem within a second, no
 * URL in any of them is ever fetched (they point at a {@link Canary}), the heap does not keep what they made the
 * parsers build, and the hub takes and delivers a valid submission afterwards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest extends HubTestSupport {

    private static final Path CORPUS = Path.of("src/test/resources/hostile");
    private static final String PLACEHOLDER = "${canary}";
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(1);
    /** What the corpus may leave on the heap, after a collection: far below what one entity bomb would build. */
    private static final long HEAP_GROWTH_LIMIT = 64L * 1024 * 1024;
    private static final String APPLICATION = "baugenehmigung-antrag-0200.xml";

    // shared by the ordered methods below (Camel's test support starts the routes per method, not per class)
    private static final Canary canary = new Canary();
    private static long heapBefore;

    private static final Logger log = LoggerFactory.getLogger(HostileInputTest.class);

    private final HubClient hub = new HubClient(PORT);

    /**
     * Before the corpus: the hub takes a valid submission and refuses a hostile one, and the heap is measured. This
     * also warms the hub up (Camel starts its routes only for the first test method, and the first requests load
     * the parsers' classes), which is not what the corpus' time limit is about.
     */
    @Order(0)
    @Test
    void beforeTheCorpusTheHubTakesValidAndRefusesHostileInput() {
        assertThat(hub.submit(Samples.xbauWithNewMessageId(APPLICATION)).status()).isEqualTo(202);
        assertThat(hub.submit(document("deep-nesting-in-extension.xml"), "application/xml").status()).isEqualTo(400);
        heapBefore = settledHeapUsed();
    }

    @AfterAll
    static void closeCanary() {
        canary.close();
    }

    @Order(1)
    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvFileSource(resources = "/hostile/index.csv", numLinesToSkip = 1)
    void documentIsRefused(String document, int status, String problem, String contentType, String what) {
        byte[] body = document(document);

        long started = System.nanoTime();
        HubClient.Response response = hub.submit(body, contentType);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.status()).as(what).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("urn:amtsbote:problem:" + problem);
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("root:").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(took).as("answered within %s", ANSWER_WITHIN).isLessThan(ANSWER_WITHIN);
    }

    /**
     * A hint is only a hint: a valid message that names remote schemas, and a stylesheet to render it with, is
     * accepted and delivered without any of them being fetched (the delivery maps and sends it too).
     */
    @Order(2)
    @Test
    void remoteHintsInAValidMessageAreNotFollowed() {
        String xml = Samples.xbauWithNewMessageId(APPLICATION)
                .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<?xml-stylesheet type=\"text/xsl\" href=\"" + canary.url("/render.xsl") + "\"?>")
                .replace("standard=\"XBau-Hochbau\"", "standard=\"XBau-Hochbau\""
                        + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\""
                        + "http://www.xleitstelle.de/xbau/2/6 " + canary.url("/xbau.xsd") + "\"")
                .replace("</xbau:referenzAntragsservice>", "</xbau:referenzAntragsservice><xbau:anbindungFachverfahren>"
                        + "<anwendungsspezifischeErweiterung><ext:daten xmlns:ext=\"urn:example:portal\""
                        + " xsi:schemaLocation=\"urn:example:portal " + canary.url("/portal.xsd") + "\">1</ext:daten>"
                        + "</anwendungsspezifischeErweiterung></xbau:anbindungFachverfahren>");

        HubClient.Response accepted = hub.submit(xml);

        assertThat(accepted.status()).isEqualTo(202);
        hub.awaitStatus(accepted.json().get("trackingId").asText(), "DELIVERED");
    }

    @Order(3)
    @Test
    void noDocumentMadeTheHubConnectAnywhere() {
        assertThat(canary.connections()).isZero();
    }

    @Order(4)
    @Test
    void theHeapDoesNotKeepWhatTheCorpusBuilt() {
        long growth = settledHeapUsed() - heapBefore;
        log.info("Heap in use after the corpus: {} MB more than before it", growth / (1024 * 1024));

        assertThat(growth).as("heap growth in bytes").isLessThan(HEAP_GROWTH_LIMIT);
    }

    @Order(5)
    @Test
    void theHubStillTakesAndDeliversAValidSubmission() {
        HubClient.Response accepted = hub.submit(Samples.xbauWithNewMessageId(APPLICATION));

        assertThat(accepted.status()).isEqualTo(202);
        hub.awaitStatus(accepted.json().get("trackingId").asText(), "DELIVERED");
    }

    /** The document's bytes as they are, with the canary's address for the placeholder (ASCII in every document). */
    private static byte[] document(String name) {
        try {
            String bytes = new String(Files.readAllBytes(CORPUS.resolve(name)), StandardCharsets.ISO_8859_1);
            return bytes.replace(PLACEHOLDER, canary.authority()).getBytes(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalStateException("corpus document " + name, e);
        }
    }

    /** Heap in use after collections, once two readings in a row agree within a megabyte (the collector has settled). */
    private static long settledHeapUsed() {
        AtomicLong previous = new AtomicLong(Long.MAX_VALUE);
        AtomicLong current = new AtomicLong();
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            System.gc();
            current.set(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            return Math.abs(previous.getAndSet(current.get()) - current.get()) < 1024 * 1024;
        });
        return current.get();
    }
}
