package de.amtsbote.connectors.kit;

import static org.assertj.core.api.Assertions.assertThat;

import de.amtsbote.connectors.ConnectorLoader;
import de.amtsbote.connectors.ConnectorProperties;
import de.amtsbote.connectors.Connectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector test kit over every shipped connector, in the build: each sample is a test of its own, and a failure
 * shows the kit's report (the diff, or the problems missing).
 */
class ConnectorSamplesTest {

    @TestFactory
    Stream<DynamicTest> everyShippedSamplePasses() throws Exception {
        Connectors connectors = new ConnectorLoader(new ConnectorProperties(Path.of("routes"), Path.of("schemas")),
                ConnectorTestKit.environment()).load();
        assertThat(connectors.byId()).containsKeys("ebauantrag", "eheschliessung", "familiencard", "buergerbeteiligung");
        return ConnectorTestKit.run(connectors, "", false).stream().map(result -> DynamicTest.dynamicTest(
                result.connector() + " " + result.sample(), () -> assertThat(result.passed()).as(result.report()).isTrue()));
    }

    /** The kit must fail what is wrong: an output that differs, a refusal it was not told of, a sample it accepts. */
    @Test
    void theKitFailsWhatIsWrong(@TempDir Path routes) throws Exception {
        HubCopy.of(routes).keep("ebauantrag");
        Path samples = routes.resolve("ebauantrag/samples");
        Path expected = samples.resolve("baugenehmigung-antrag-0200.expected.xml");
        Files.writeString(expected, Files.readString(expected).replace("Wölfle", "Woelfle"));
        Path errors = samples.resolve("invalid/invalid-schema-antrag-0200-bad-dateTime.errors");
        Files.writeString(errors, "schema 1:1 nicht-die-meldung\n");
        Files.copy(samples.resolve("baugenehmigung-antrag-0200.xml"), samples.resolve("invalid/valid-as-invalid.xml"));
        Files.writeString(samples.resolve("invalid/valid-as-invalid.errors"), "schema 10:* cvc\n");
        Connectors connectors = new ConnectorLoader(new ConnectorProperties(routes, Path.of("schemas")),
                ConnectorTestKit.environment()).load();

        var results = ConnectorTestKit.run(connectors, "ebauantrag", false);

        assertThat(results).filteredOn(r -> r.sample().equals("baugenehmigung-antrag-0200.xml")).singleElement()
                .satisfies(r -> assertThat(r.report()).contains("- ").contains("Wölfle").contains("+ "));
        assertThat(results).filteredOn(r -> r.sample().endsWith("bad-dateTime.xml")).singleElement()
                .satisfies(r -> assertThat(r.report()).contains("not with").contains("nicht-die-meldung").contains("cvc-"));
        assertThat(results).filteredOn(r -> r.sample().endsWith("valid-as-invalid.xml")).singleElement()
                .satisfies(r -> assertThat(r.report()).startsWith("accepted, but it must be refused"));
        assertThat(results).filteredOn(r -> !r.passed()).hasSize(3);
    }

    /** A copy of the shipped routes with only some connectors, for tests that break one on purpose. */
    record HubCopy(Path routes) {
        static HubCopy of(Path routes) {
            de.amtsbote.HubTestSupport.copyOf(Path.of("routes/standards"), routes.resolve("standards"));
            return new HubCopy(routes);
        }

        void keep(String connector) {
            de.amtsbote.HubTestSupport.copyOf(Path.of("routes", connector), routes.resolve(connector));
        }
    }
}
