package de.amtsbote.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Loading connectors from folders: the shipped ones work, a broken one names its file and the problem, the
 * deployer's settings win over the connector file, and a reload takes good changes and refuses bad ones.
 */
class ConnectorRegistryTest {

    private static final Path SHIPPED_ROUTES = Path.of("routes");
    private static final Path SHIPPED_SCHEMAS = Path.of("schemas");
    private static final String ANTRAG = "{http://www.xleitstelle.de/xbau/2/6}baugenehmigung.antrag.0200";
    private static final String GEAENDERT = "{http://www.xleitstelle.de/xbau/2/6}baugenehmigung.antragGeaendert.0202";

    @TempDir
    Path routes;

    private final Map<String, Object> deployer = new HashMap<>();
    private final List<ConnectorsChanged> changes = new ArrayList<>();
    private final List<ConnectorsCheck> checks = new ArrayList<>();

    @BeforeEach
    void copyStandards() throws IOException {
        Files.createDirectories(routes.resolve("standards"));
        Files.copy(SHIPPED_ROUTES.resolve("standards/xbau-2.6.yaml"), routes.resolve("standards/xbau-2.6.yaml"));
        deployer.put("server.port", "8080");
        deployer.put("amtsbote.data-dir", "/var/lib/amtsbote");
    }

    @Test
    void loadsTheShippedConnectors() {
        ConnectorRegistry registry = registry(SHIPPED_ROUTES, SHIPPED_SCHEMAS);

        Connector ebauantrag = registry.forRoot(QName.valueOf(ANTRAG)).orElseThrow();
        assertThat(ebauantrag.id()).isEqualTo("ebauantrag");
        assertThat(ebauantrag.mapping()).isNotNull();
        assertThat(ebauantrag.destination().protocol()).isEqualTo(Destination.Protocol.SOAP);
        assertThat(ebauantrag.destination().address()).isEqualTo("http://localhost:8080/services/demo/bauaufsicht");
        assertThat(ebauantrag.destination().soap().operation()).isEqualTo("einreichen");
        assertThat(registry.profileForNamespace("http://www.xleitstelle.de/xbau/2/6").id()).isEqualTo("xbau-2.6");
        assertThat(registry.destinations()).containsKey("bauaufsicht");
    }

    @Test
    void theDeployersSettingsWinOverTheConnectorFile() throws IOException {
        connector("a", ANTRAG, "");
        deployer.put("amtsbote.destinations.ziel.address", "https://fachverfahren.stadt.example/soap");
        deployer.put("amtsbote.destinations.ziel.retry.max-attempts", "7");

        Destination destination = registry(routes, SHIPPED_SCHEMAS).byId("a").destination();

        assertThat(destination.address()).isEqualTo("https://fachverfahren.stadt.example/soap");
        assertThat(destination.retry().maxAttempts()).isEqualTo(7);
        assertThat(destination.retry().delay()).isEqualTo(Duration.ofSeconds(1)); // the default, nobody set it
        assertThat(destination.consumers()).isEqualTo(2);
    }

    @Test
    void missingSchemaStopsStartupNamingFileAndSchema() throws IOException {
        Path file = connector("a", ANTRAG, "validation:\n  schema: xbau/2.6/fehlt.xsd\n");

        assertThatThrownBy(this::load).isInstanceOf(ConnectorConfigurationException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("fehlt.xsd");
    }

    @Test
    void twoConnectorsClaimingOneMessageStopStartup() throws IOException {
        connector("a", ANTRAG, "");
        Path second = connector("b", ANTRAG, "");

        assertThatThrownBy(this::load).isInstanceOf(ConnectorConfigurationException.class)
                .hasMessageContaining(second.toString()).hasMessageContaining("already taken by connector 'a'");
    }

    @Test
    void unknownProtocolStopsStartupNamingTheField() throws IOException {
        Path file = connector("a", ANTRAG, "").resolveSibling("connector.yaml");
        Files.writeString(file, Files.readString(file).replace("protocol: soap", "protocol: fax"));

        assertThatThrownBy(this::load).hasMessageContaining(file.toString()).hasMessageContaining("destination.protocol")
                .hasMessageContaining("fax");
    }

    @Test
    void unknownFieldIsAnError() throws IOException {
        connector("a", ANTRAG, "protokoll: soap\n");

        assertThatThrownBy(this::load).hasMessageContaining("unknown field(s) protokoll");
    }

    @Test
    void missingRequiredFieldIsNamed() throws IOException {
        Path file = connector("a", ANTRAG, "");
        Files.writeString(file, Files.readString(file).replace("standard: xbau-2.6\n", ""));

        assertThatThrownBy(this::load).hasMessageContaining("standard").hasMessageContaining("must not be blank");
    }

    @Test
    void credentialsThatAreNotSetStopStartup() throws IOException {
        connector("a", ANTRAG, "").toFile();
        deployer.put("amtsbote.destinations.ziel.credentials", "fachverfahren");

        assertThatThrownBy(this::load).hasMessageContaining("credentials 'fachverfahren' are not set");

        deployer.put("amtsbote.credentials.fachverfahren.username", "hub");
        deployer.put("amtsbote.credentials.fachverfahren.password", "geheim");
        Connector connector = registry(routes, SHIPPED_SCHEMAS).byId("a");
        assertThat(connector.credentials().password()).isEqualTo("geheim");
        assertThat(connector.credentials().toString()).doesNotContain("geheim");
    }

    @Test
    void schemaImportOutsideTheSchemasFolderIsRefused(@TempDir Path schemas) throws IOException {
        Files.writeString(schemas.resolve("remote.xsd"), """
                <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:a">
                  <xs:import namespace="urn:b" schemaLocation="https://example.org/b.xsd"/>
                </xs:schema>""");
        connector("a", ANTRAG, "validation:\n  schema: remote.xsd\n");

        assertThatThrownBy(() -> registry(routes, schemas)).hasMessageContaining("https://example.org/b.xsd");
    }

    @Test
    void reloadTakesANewConnectorAndTellsWhatChanged() throws IOException {
        connector("a", ANTRAG, "");
        ConnectorRegistry registry = registry(routes, SHIPPED_SCHEMAS);
        connector("b", GEAENDERT, "").toFile();
        Path b = routes.resolve("b/connector.yaml");
        Files.writeString(b, Files.readString(b).replace("id: ziel", "id: ziel-zwei"));

        ConnectorRegistry.Reload reload = registry.reload();

        assertThat(reload.added()).containsExactly("b");
        assertThat(registry.forRoot(QName.valueOf(GEAENDERT)).orElseThrow().destinationId()).isEqualTo("ziel-zwei");
        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.previous().destinations()).containsOnlyKeys("ziel");
            assertThat(change.current().destinations()).containsOnlyKeys("ziel", "ziel-zwei");
        });
    }

    @Test
    void aBrokenChangeIsRefusedAndTheRunningVersionStays() throws IOException {
        Path file = connector("a", ANTRAG, "");
        ConnectorRegistry registry = registry(routes, SHIPPED_SCHEMAS);
        Files.writeString(file, Files.readString(file).replace("xbau-nachrichten-baugenehmigung.xsd", "fehlt.xsd"));

        assertThatThrownBy(registry::reload).hasMessageContaining(file.toString()).hasMessageContaining("fehlt.xsd");

        assertThat(registry.forRoot(QName.valueOf(ANTRAG))).isPresent();
        assertThat(changes).isEmpty();
    }

    @Test
    void aChangeAnotherPartOfTheHubRefusesIsNotPutInForce() throws IOException {
        Path file = connector("a", ANTRAG, "");
        ConnectorRegistry registry = registry(routes, SHIPPED_SCHEMAS);
        checks.add(candidate -> {
            if (candidate.byId().get("a").destination().retry().maxAttempts() > 10) {
                throw new ConnectorConfigurationException(candidate.byId().get("a").file(), "too patient");
            }
        });
        Files.writeString(file, Files.readString(file) + "  retry:\n    max-attempts: 11\n");

        assertThatThrownBy(registry::reload).hasMessageContaining("too patient");
        assertThat(registry.byId("a").destination().retry().maxAttempts()).isEqualTo(300);
    }

    @Test
    void removingAConnectorNeedsARestart() throws IOException {
        connector("a", ANTRAG, "");
        Path b = connector("b", GEAENDERT, "");
        ConnectorRegistry registry = registry(routes, SHIPPED_SCHEMAS);
        Files.delete(b);

        assertThatThrownBy(registry::reload).hasMessageContaining("connector 'b' is gone");
        assertThat(registry.forRoot(QName.valueOf(GEAENDERT))).isPresent();
    }

    private void load() {
        registry(routes, SHIPPED_SCHEMAS);
    }

    private ConnectorRegistry registry(Path routeFolder, Path schemas) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("deployer", deployer));
        return new ConnectorRegistry(new ConnectorLoader(new ConnectorProperties(routeFolder, schemas), environment),
                changes::add, () -> checks);
    }

    /** A valid connector definition taking one message, with extra lines appended. */
    private Path connector(String id, String message, String extra) throws IOException {
        String yaml = """
                id: %s
                standard: xbau-2.6
                messages:
                  - "%s"
                %s
                destination:
                  id: ziel
                  protocol: soap
                  address: http://localhost:${server.port}/services/ziel
                """.formatted(id, message, extra.contains("validation:") ? ""
                : "validation:\n  schema: xbau/2.6/xbau-nachrichten-baugenehmigung.xsd") + extra;
        Path folder = Files.createDirectories(routes.resolve(id));
        return Files.writeString(folder.resolve("connector.yaml"), yaml);
    }
}
