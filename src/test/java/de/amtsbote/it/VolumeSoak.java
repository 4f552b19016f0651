package de.amtsbote.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A long run (profile {@code soak}, not part of {@code mvn verify}): {@code soak.submissions} (default 100,000) new
 * cases through one hub on its embedded defaults, delivered to a specialist system over SOAP; every accepted one
 * must arrive once. Prints the throughput and what the data directory grew to.
 */
class VolumeSoak {

    private static final int SUBMISSIONS = Integer.getInteger("soak.submissions", 100_000);
    private static final int CLIENTS = 16;

    @Test
    void aHundredThousandSubmissionsAreEachDeliveredOnce() {
        try (FakeSpecialistSystem specialistSystem = FakeSpecialistSystem.create().start();
             HubJvm hub = HubJvm.builder("volume-soak")
                     .deliveringTo(specialistSystem)
                     .start()) {
            SubmissionLoad load = SubmissionLoad.builder("volume soak", SUBMISSIONS).clients(CLIENTS).against(hub).start();
            SubmissionLoad.Report report = load.awaitFinished(Duration.ofHours(3));

            DeliveryAudit.Figures figures = DeliveryAudit.verify("volume soak", report, specialistSystem, hub, 0,
                    Instant.now(), Duration.ofHours(1));

            System.out.printf("volume soak: %d accepted in %.0f s (%.1f/s); data directory %s%n", figures.accepted(),
                    report.duration().toMillis() / 1000.0, figures.accepted() * 1000.0 / report.duration().toMillis(),
                    sizes(hub.dataDir()));
        }
    }

    /** The size of each entry of the data directory (the broker journal, the H2 file), in MB. */
    private static String sizes(Path dataDir) {
        try (Stream<Path> entries = Files.list(dataDir)) {
            return entries.map(entry -> entry.getFileName() + " " + size(entry) / 1_000_000 + " MB")
                    .collect(Collectors.joining(", "));
        } catch (IOException e) {
            return "not readable: " + e.getMessage();
        }
    }

    private static long size(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }
}
