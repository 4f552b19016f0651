package de.amtsbote.benchmark;

import de.amtsbote.GeneratedFiles;
import de.amtsbote.HubTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One submission of the given size (an XML message declaring one document, and the document as a multipart part)
 * through a hub with the benchmark's heap (256 MB by default in this mode), to a file drop or as MTOM to the demo
 * building authority over SOAP: how fast it is taken and delivered, and the hub's peak heap and resident set
 * meanwhile. Before any figure counts, the delivered copy's SHA-256 is checked: in the drop folder, or as the demo
 * logged it after reading the attachment.
 */
final class LargeSubmission {

    static final String PORTAL_KEY = "bench-large-key";
    private static final String NS = "urn:amtsbote:test:anlagen";
    private static final Path RESOURCES = Path.of("src/test/resources/attachment-test");
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(100);
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    record Outcome(long bytes, Duration accepted, Duration delivered, long peakHeapBytes, long peakRssBytes) {

        double acceptMegabytesPerSec() {
            return bytes / 1e6 / (accepted.toNanos() / 1e9);
        }

        double deliverMegabytesPerSec() {
            return bytes / 1e6 / (delivered.toNanos() / 1e9);
        }
    }

    /** Where the document goes: a file drop (checked there), or MTOM to the demo building authority (checked in its log). */
    enum Target { FILE, SOAP }

    private final Path work;
    private final Path dropFolder;
    private final Target target;

    LargeSubmission(Path work, Target target) {
        this.work = work;
        this.dropFolder = work.resolve("dropbox");
        this.target = target;
    }

    /** The hub's settings for this mode: the shipped connectors plus one that drops documents into a folder. */
    Map<String, String> hubProperties() throws IOException {
        Path routes = HubTestSupport.copyOf(Path.of("routes"), work.resolve("routes"));
        Path schemas = HubTestSupport.copyOf(Path.of("schemas"), work.resolve("schemas"));
        Files.createDirectories(schemas.resolve("anlagentest"));
        Files.copy(RESOURCES.resolve("anlagentest.xsd"), schemas.resolve("anlagentest/anlagentest.xsd"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(RESOURCES.resolve("anlagentest.yaml"), routes.resolve("standards/anlagentest-1.yaml"), StandardCopyOption.REPLACE_EXISTING);
        Path connector = Files.createDirectories(routes.resolve("bench-large"));
        String destination = target == Target.FILE ? """
                destination:
                  id: bench-large-drop
                  protocol: file
                  address: %s
                """.formatted(dropFolder.toAbsolutePath()) : """
                mapping:
                  stylesheet: to-bauaufsicht.xsl
                  output: xml
                destination:
                  id: bench-large-soap
                  protocol: soap
                  address: http://localhost:${server.port}/services/demo/bauaufsicht
                  soap:
                    mtom: true
                """;
        if (target == Target.SOAP) {
            Files.copy(Path.of("routes/ebauantrag/to-bauaufsicht.xsl"), connector.resolve("to-bauaufsicht.xsl"));
        }
        Files.writeString(connector.resolve("connector.yaml"), """
                id: bench-large
                standard: anlagentest-1
                messages:
                  - "{%s}test.anlagen-datei.0012"
                validation:
                  schema: anlagentest/anlagentest.xsd
                """.formatted(NS) + destination);
        return Map.of(
                "amtsbote.connectors.routes", routes.toAbsolutePath().toString(),
                "amtsbote.connectors.schemas", schemas.toAbsolutePath().toString(),
                "amtsbote.security.clients.bench-large.roles", "portal",
                "amtsbote.security.clients.bench-large.api-key", PORTAL_KEY,
                "amtsbote.security.clients.bench-large.connectors", "bench-large");
    }

    Outcome run(HubProcess hub, long bytes) throws IOException, InterruptedException {
        Path plan = work.resolve("bauplan.pdf");
        System.out.printf("writing a %d MB document to %s%n", bytes / 1_000_000, plan);
        String sha256 = GeneratedFiles.write(plan, bytes);
        String xml = Files.readString(RESOURCES.resolve("message.xml")).replace("ROOT", "test.anlagen-datei.0012")
                .replace("MESSAGE_ID", UUID.randomUUID().toString()).replace("CODE", "0012")
                .replace("INHALT", "Bauplan").replace("DOCUMENTS", """
                          <at:anhang filesize="%d" hashValue="%s"><at:dokumentid>plan-01</at:dokumentid><at:dateiname>Bauplan.pdf</at:dateiname></at:anhang>
                        """.formatted(bytes, sha256));
        HubClient portal = new HubClient(hub.baseUri(), PORTAL_KEY);
        HubClient probe = new HubClient(hub.baseUri());
        AtomicLong peakHeap = new AtomicLong(-1);
        AtomicLong peakRss = new AtomicLong(-1);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(HubBenchmark.daemon("large-sampler"));
        sampler.scheduleWithFixedDelay(() -> {
            hub.residentBytes().ifPresent(rss -> peakRss.accumulateAndGet(rss, Math::max));
            try {
                probe.heapUsedBytes().ifPresent(heap -> peakHeap.accumulateAndGet(heap, Math::max));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 0, SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        try {
            long started = System.nanoTime();
            HubClient.Reply reply = portal.submitWithDocument(xml, "plan-01", plan);
            Duration accepted = Duration.ofNanos(System.nanoTime() - started);
            String trackingId = reply.status() == 202 ? HubClient.trackingId(reply.body()) : null;
            if (trackingId == null) {
                throw new IllegalStateException("the large submission was refused: HTTP " + reply.status() + " " + reply.body());
            }
            System.out.printf("large submission accepted after %d ms%n", accepted.toMillis());
            long deadline = started + TIMEOUT.toNanos();
            String status;
            while (!"DELIVERED".equals(status = portal.status(trackingId).status())) {
                if (System.nanoTime() > deadline || "DEAD_LETTER".equals(status) || !hub.isAlive()) {
                    throw new IllegalStateException("the large submission was not delivered (" + status + "); see " + hub.log());
                }
                Thread.sleep(SAMPLE_EVERY.toMillis());
            }
            Duration delivered = Duration.ofNanos(System.nanoTime() - started);
            if (target == Target.FILE) {
                Path copy = dropFolder.resolve(trackingId + "-plan-01-Bauplan.pdf");
                if (Files.size(copy) != bytes || !sha256.equals(GeneratedFiles.sha256(copy))) {
                    throw new IllegalStateException("the delivered document differs from the one sent: " + copy);
                }
                Files.delete(copy);
            } else if (!Files.readString(hub.log()).contains("document plan-01: " + bytes + " bytes, SHA-256 " + sha256)) {
                throw new IllegalStateException("the demo building authority did not log the document as sent; see " + hub.log());
            }
            return new Outcome(bytes, accepted, delivered, peakHeap.get(), peakRss.get());
        } finally {
            sampler.shutdownNow();
            Files.deleteIfExists(plan);
        }
    }
}
