package de.amtsbote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
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
