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
 * to a file-drop destination, through a hub with the benchmark's heap (256 MB by default in this mode): how fast it
 * is taken and delivered, and the hub's peak heap and resident set meanwhile. The delivered copy is checked byte for
 * byte (SHA-256) before any figure counts.
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

    private final Path work;
    private final Path dropFolder;

    LargeSubmission(Path work) {
        this.work = work;
        this.dropFolder = work.resolve("dropbox");
    }

    /** The hub's settings for this mode: the shipped connectors plus one that drops documents into a folder. */
    Map<String, String> hubProperties() throws IOException {
        Path routes = HubTestSupport.copyOf(Path.of("routes"), work.resolve("routes"));
        Path schemas = HubTestSupport.copyOf(Path.of("schemas"), work.resolve("schemas"));
        Files.createDirectories(schemas.resolve("anlagentest"));
        Files.copy(RESOURCES.resolve("anlagentest.xsd"), schemas.resolve("anlagentest/anlagentest.xsd"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(RESOURCES.resolve("anlagentest.yaml"), routes.resolve("standards/anlagentest-1.yaml"), StandardCopyOption.REPLACE_EXISTING);
        Path connector = Files.createDirectories(routes.resolve("bench-large"));
        Files.writeString(connector.resolve("connector.yaml"), """
                id: bench-large
                standard: anlagentest-1
                messages:
                  - "{%s}test.anlagen-datei.0012"
                validation:
                  schema: anlagentest/anlagentest.xsd
                destination:
                  id: bench-large-drop
                  protocol: file
                  address: %s
                """.formatted(NS, dropFolder.toAbsolutePath()));
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
            while (!"DELIVERED".equals(status = portal.statusOf(trackingId))) {
                if (System.nanoTime() > deadline || "DEAD_LETTER".equals(status) || !hub.isAlive()) {
                    throw new IllegalStateException("the large submission was not delivered (" + status + "); see " + hub.log());
                }
                Thread.sleep(SAMPLE_EVERY.toMillis());
            }
            Duration delivered = Duration.ofNanos(System.nanoTime() - started);
            Path copy = dropFolder.resolve(trackingId + "-plan-01-Bauplan.pdf");
            if (Files.size(copy) != bytes || !sha256.equals(GeneratedFiles.sha256(copy))) {
                throw new IllegalStateException("the delivered document differs from the one sent: " + copy);
            }
            Files.delete(copy);
            return new Outcome(bytes, accepted, delivered, peakHeap.get(), peakRss.get());
        } finally {
            sampler.shutdownNow();
            Files.deleteIfExists(plan);
        }
    }
}
