package de.amtsbote.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading connectors from folders: the shipped ones work, and a broken one names its file and the problem. */
class ConnectorRegistryTest {

    private static final Path SHIPPED_ROUTES = Path.of("routes");
    private static final Path SHIPPED_SCHEMAS = Path.of("schemas");
    private static final DestinationProperties DESTINATIONS = new DestinationProperties(Map.of("bauaufsicht",
            new DestinationProperties.Destination(DestinationProperties.Protocol.SOAP, "http://localhost/x",
                    "classpath:wsdl/fachverfahren.wsdl", "{urn:x}S", "{urn:x}P", "einreichen", 1,
                    new DestinationProperties.Retry(3, Duration.ofSeconds(1), 2, Duration.ofMinutes(1)))));

    @TempDir
    Path routes;

    @BeforeEach
    void copyStandards() throws IOException {
        Files.createDirectories(routes.resolve("standards"));
        Files.copy(SHIPPED_ROUTES.resolve("standards/xbau-2.6.yaml"), routes.resolve("standards/xbau-2.6.yaml"));
    }

    @Test
    void loadsTheShippedConnectors() {
        ConnectorRegistry registry = new ConnectorRegistry(new ConnectorProperties(SHIPPED_ROUTES, SHIPPED_SCHEMAS), DESTINATIONS);

        Connector ebauantrag = registry.forRoot(new QName("http://www.xleitstelle.de/xbau/2/6", "baugenehmigung.antrag.0200"))
                .orElseThrow();
        assertThat(ebauantrag.id()).isEqualTo("ebauantrag");
        assertThat(ebauantrag.mapping()).isNotNull();
        assertThat(registry.profileForNamespace("http://www.xleitstelle.de/xbau/2/6").id()).isEqualTo("xbau-2.6");
    }

    @Test
    void missingSchemaStopsStartupNamingFileAndSchema() throws IOException {
        Path file = connector("a", "schema: xbau/2.6/fehlt.xsd");

        assertThatThrownBy(this::load).isInstanceOf(ConnectorConfigurationException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("fehlt.xsd");
    }

    @Test
    void twoConnectorsClaimingOneMessageStopStartup() throws IOException {
        connector("a", "");
        Path second = connector("b", "");

        assertThatThrownBy(this::load).isInstanceOf(ConnectorConfigurationException.class)
                .hasMessageContaining(second.toString()).hasMessageContaining("already taken by connector 'a'");
    }

    @Test
    void unknownDestinationStopsStartup() throws IOException {
        connector("a", "destination: nirgendwo");

        assertThatThrownBy(this::load).hasMessageContaining("destination 'nirgendwo' is not configured");
    }

    @Test
    void unknownFieldIsAnError() throws IOException {
        connector("a", "protokoll: soap");

        assertThatThrownBy(this::load).hasMessageContaining("protokoll");
    }

    @Test
    void schemaImportOutsideTheSchemasFolderIsRefused(@TempDir Path schemas) throws IOException {
        Files.writeString(schemas.resolve("remote.xsd"), """
                <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:a">
                  <xs:import namespace="urn:b" schemaLocation="https://example.org/b.xsd"/>
                </xs:schema>""");
        connector("a", "schema: remote.xsd");

        assertThatThrownBy(() -> new ConnectorRegistry(new ConnectorProperties(routes, schemas), DESTINATIONS))
                .hasMessageContaining("https://example.org/b.xsd").hasMessageContaining("does not fetch schemas");
    }

    private void load() {
        new ConnectorRegistry(new ConnectorProperties(routes, SHIPPED_SCHEMAS), DESTINATIONS);
    }

    /** A valid connector definition with one line replaced or added. */
    private Path connector(String id, String override) throws IOException {
        String key = override.isEmpty() ? "" : override.substring(0, override.indexOf(':'));
        StringBuilder yaml = new StringBuilder("id: " + id + "\n");
        Map.of("standard", "xbau-2.6",
                        "schema", "xbau/2.6/xbau-nachrichten-baugenehmigung.xsd",
                        "destination", "bauaufsicht")
                .forEach((name, value) -> {
                    if (!name.equals(key)) {
                        yaml.append(name).append(": ").append(value).append('\n');
                    }
                });
        yaml.append("messages:\n  - \"{http://www.xleitstelle.de/xbau/2/6}baugenehmigung.antrag.0200\"\n");
        if (!override.isEmpty()) {
            yaml.append(override).append('\n');
        }
        Path folder = Files.createDirectories(routes.resolve(id));
        return Files.writeString(folder.resolve("connector.yaml"), yaml);
    }
}
