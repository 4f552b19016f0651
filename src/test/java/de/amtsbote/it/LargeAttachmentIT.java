package de.amtsbote.it;

import static org.assertj.core.api.Assertions.assertThat;

import de.amtsbote.GeneratedFiles;
import de.amtsbote.HubClient;
import de.amtsbote.HubTestSupport;
import de.amtsbote.Multipart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A 200 MB building plan through the packaged hub running with {@code -Xmx256m}: posted as multipart/form-data,
 * streamed by the test from a generated file, delivered to a file drop with the same SHA-256, and removed from the
 * attachment store afterwards. The hub's heap is sampled as an operator sees it (actuator) while it works; the
 * peak is reported and must stay under the limit (a hub that held the plan in memory would die of it).
 */
class LargeAttachmentIT {

    private static final long SIZE = 200L * 1024 * 1024;
    private static final long HEAP_LIMIT = 256L * 1024 * 1024;
    private static final String NS = "urn:amtsbote:test:anlagen";
    private static final Path WORK = Path.of("target", "it", "large-attachment").toAbsolutePath();

    private static HubJvm hub;
    private static Path dropFolder;

    @BeforeAll
    static void startHub() throws IOException {
        Path routes = HubTestSupport.copyOf(Path.of("routes"), WORK.resolve("routes"));
        Path schemas = HubTestSupport.copyOf(Path.of("schemas"), WORK.resolve("schemas"));
        Files.createDirectories(schemas.resolve("anlagentest"));
        Files.copy(resource("anlagentest.xsd"), schemas.resolve("anlagentest/anlagentest.xsd"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(resource("anlagentest.yaml"), routes.resolve("standards/anlagentest-1.yaml"), StandardCopyOption.REPLACE_EXISTING);
        dropFolder = WORK.resolve("dropbox");
        Path connector = Files.createDirectories(routes.resolve("attachment-file"));
        Files.writeString(connector.resolve("connector.yaml"), """
                id: attachment-file
                standard: anlagentest-1
                messages:
                  - "{%s}test.anlagen-datei.0012"
                validation:
                  schema: anlagentest/anlagentest.xsd
                destination:
                  id: test-anlagen-datei
                  protocol: file
                  address: %s
                """.formatted(NS, dropFolder));
        hub = HubJvm.builder("hub-large-attachment").maxHeap("256m")
                .property("amtsbote.connectors.routes", routes.toString())
                .property("amtsbote.connectors.schemas", schemas.toString())
                .property("amtsbote.security.clients.plan-portal.roles", "portal")
                .property("amtsbote.security.clients.plan-portal.api-key", "plan-portal-key")
                .property("amtsbote.security.clients.plan-portal.connectors", "attachment-file")
                .start();
    }

    @AfterAll
    static void stopHub() {
        ChildProcess.closeAll(hub);
    }

    @Test
    void aTwoHundredMegabytePlanGoesThroughAHubWith256MegabytesOfHeap() throws Exception {
        Path plan = WORK.resolve("bauplan.pdf");
        String sha256 = GeneratedFiles.write(plan, SIZE);
        String xml = Files.readString(resource("message.xml")).replace("ROOT", "test.anlagen-datei.0012")
                .replace("MESSAGE_ID", UUID.randomUUID().toString()).replace("CODE", "0012")
                .replace("INHALT", "Bauplan, 200 MB").replace("DOCUMENTS", """
                          <at:anhang filesize="%d" hashValue="%s"><at:dokumentid>plan-01</at:dokumentid><at:dateiname>Bauplan.pdf</at:dateiname></at:anhang>
                        """.formatted(SIZE, sha256));
        HubClient portal = new HubClient(hub.port(), "plan-portal-key");
        HubClient operator = HubClient.operator(hub.port());
        long baseline = heapUsed(operator);
        AtomicLong peakHeap = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleWithFixedDelay(() -> peakHeap.accumulateAndGet(heapUsed(operator), Math::max),
                0, 50, TimeUnit.MILLISECONDS);
        String trackingId;
        try {
            long started = System.nanoTime();
            HubClient.Response response = portal.submit(Multipart.formData()
                    .part("message", "antrag.xml", "application/xml", xml.getBytes(StandardCharsets.UTF_8))
                    .part("plan-01", "Bauplan.pdf", "application/pdf", plan));
            assertThat(response.status()).as(response.body()).isEqualTo(202);
            trackingId = response.json().get("trackingId").asText();
            System.out.printf("200 MB plan accepted in %d ms%n", Duration.ofNanos(System.nanoTime() - started).toMillis());
            Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                    .until(() -> "DELIVERED".equals(portal.status(trackingId).json().path("status").asText()));
            System.out.printf("Delivered %d ms after the POST%n", Duration.ofNanos(System.nanoTime() - started).toMillis());
        } finally {
            sampler.shutdownNow();
        }

        Path delivered = dropFolder.resolve(trackingId + "-plan-01-Bauplan.pdf");
        assertThat(Files.size(delivered)).isEqualTo(SIZE);
        assertThat(GeneratedFiles.sha256(delivered)).isEqualTo(sha256);
        assertThat(dropFolder.resolve(trackingId + ".xml")).hasContent(xml);
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> !Files.exists(hub.dataDir().resolve("attachments").resolve(trackingId)));
        System.out.printf("Heap the hub reported: %d MB before the POST, peak %d MB while taking and delivering the"
                + " plan (limit %d MB)%n", baseline / (1024 * 1024), peakHeap.get() / (1024 * 1024), HEAP_LIMIT / (1024 * 1024));
        assertThat(peakHeap.get()).as("samples of jvm.memory.used (heap)").isPositive().isLessThan(HEAP_LIMIT);
        assertThat(hub.isRunning()).isTrue();
        Files.delete(plan);
        Files.delete(delivered);
    }

    private static long heapUsed(HubClient operator) {
        try {
            HubClient.Response metric = operator.get("/actuator/metrics/jvm.memory.used?tag=area:heap");
            return metric.status() == 200 ? metric.json().get("measurements").get(0).get("value").asLong() : 0;
        } catch (RuntimeException busy) {
            return 0;
        }
    }

    private static Path resource(String name) {
        return Path.of("src/test/resources/attachment-test", name);
    }

    static {
        try {
            Files.createDirectories(WORK);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
