package de.amtsbote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The small test standard of the protocol tests ({@code src/test/resources/protocol-test/}): one namespace, one
 * message root per test destination, installed into the shared context's copies of {@code schemas/} and
 * {@code routes/standards/} by whichever test class comes first.
 */
public final class ProtocolTestStandard {

    public static final String NAMESPACE = "urn:amtsbote:test:protokoll";

    private ProtocolTestStandard() {
    }

    /** Its schema and header profile, beside the shipped ones; connectors of it go in by a reload. */
    public static void install() throws IOException {
        Files.createDirectories(HubTestSupport.SCHEMAS.resolve("protokolltest"));
        Files.copy(resource("protokolltest.xsd"), HubTestSupport.SCHEMAS.resolve("protokolltest/protokolltest.xsd"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(resource("protokolltest.yaml"), HubTestSupport.ROUTES.resolve("standards/protokolltest-1.yaml"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Writes a connector of the standard for one message root into the shared context's {@code routes/}, for the next
     * reload: mapped to JSON by {@code stylesheet} (from the test folder) unless that is null, delivered to destination
     * {@code destinationId} as the YAML lines {@code destination} say (e.g. {@code protocol: file}).
     *
     * @return its connector.yaml
     */
    public static Path connector(String id, String root, String stylesheet, String destinationId, String destination)
            throws IOException {
        Path folder = Files.createDirectories(HubTestSupport.ROUTES.resolve(id));
        if (stylesheet != null) {
            Files.copy(resource(stylesheet), folder.resolve(stylesheet), StandardCopyOption.REPLACE_EXISTING);
        }
        return Files.writeString(folder.resolve("connector.yaml"), """
                id: %s
                standard: protokolltest-1
                messages:
                  - "{%s}%s"
                validation:
                  schema: protokolltest/protokolltest.xsd
                %s
                destination:
                  id: %s
                %s
                """.formatted(id, NAMESPACE, root,
                stylesheet == null ? "" : "mapping:\n  stylesheet: " + stylesheet + "\n  output: json",
                destinationId, destination.indent(2)), StandardCharsets.UTF_8);
    }

    /** A message with the given root, nachrichtenUUID and text. */
    public static String message(String root, String messageId, String content) {
        try {
            return Files.readString(resource("message.xml")).replace("ROOT", root).replace("MESSAGE_ID", messageId)
                    .replace("CODE", root.substring(root.lastIndexOf('.') + 1)).replace("Grüße aus Stuttgart", content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Submits and expects a 202; the tracking id. */
    public static String accepted(HubClient portal, String xml) {
        HubClient.Response response = portal.submit(xml);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json().get("trackingId").asText();
    }

    public static Path resource(String name) {
        return Path.of("src/test/resources/protocol-test", name);
    }
}
