package de.amtsbote.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.amtsbote.HubClient;
import de.amtsbote.HubTestSupport;
import de.amtsbote.connectors.kit.SampleCheck;
import de.amtsbote.demo.DemoFamiliencardOffice;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

/**
 * The four shipped connectors through the running hub, from a portal's POST to what each specialist system
 * receives: the same output the connector test kit expects, in the destination's own format and protocol; and the
 * refusals a portal gets for a message that breaks its schema, its standard's rules or its code lists.
 */
class ShippedConnectorsTest extends HubTestSupport {

    private static final Pattern MESSAGE_ID = Pattern.compile("(<(?:[\\w.-]+:)?nachrichtenUUID>)([^<]+)(</)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HubClient portal = new HubClient(PORT);

    @Autowired
    DemoFamiliencardOffice familiencardOffice;

    @Autowired
    ConnectionFactory connectionFactory;

    @Test
    void eheschliessungLandsInTheRegistryOfficesFolderInItsLegacyShape() throws Exception {
        Sample sample = Sample.of("eheschliessung", "eheanmeldung-082021-vorehe");

        String trackingId = delivered(sample);

        Path file = DATA_DIR.resolve("dropbox/standesamt").resolve(trackingId + ".xml");
        assertThat(Files.readString(file)).isEqualToNormalizingNewlines(sample.expected(trackingId));
    }

    @Test
    void familiencardIsPostedAsJsonToTheFamiliencardOffice() throws Exception {
        Sample sample = Sample.of("familiencard", "familiencard-antrag-0100");

        String trackingId = delivered(sample);

        assertThat(familiencardOffice.receiptsOf(sample.messageId())).isEqualTo(1);
        assertThat(familiencardOffice.applicationOf(sample.messageId())).contains(JSON.readTree(sample.expected(trackingId)));
        assertThat(HubClient.lastDetail(portal.status(trackingId).json())).contains("HTTP 201");
    }

    @Test
    void buergerbeteiligungGoesToThePlanningSystemsQueue() throws Exception {
        Sample sample = Sample.of("buergerbeteiligung", "stellungnahme-neuabgegeben-0701");

        String trackingId = delivered(sample);

        JmsTemplate jms = new JmsTemplate(connectionFactory);
        jms.setReceiveTimeout(5_000);
        BytesMessage received = (BytesMessage) jms.receiveSelected("planung.beteiligung",
                "amtsboteMessageId = '" + sample.messageId() + "'");
        byte[] body = new byte[(int) received.getBodyLength()];
        received.readBytes(body);
        assertThat(new String(body, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualToNormalizingNewlines(sample.expected(trackingId));
    }

    @Test
    void ebauantragBreakingTheXBauRulesIsRefusedWithTheRuleAndItsLine() throws IOException {
        HubClient.Response refused = portal.submit(Sample.invalid("ebauantrag", "invalid-schematron-antrag-0200-duplicate-dokumentid"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:amtsbote:problem:rules-violated");
        JsonNode error = refused.json().get("errors").get(0);
        assertThat(error.get("message").asText()).contains("sch-xbauk-002");
        assertThat(error.get("line").asInt()).isPositive();
        assertThat(error.get("column").asInt()).isPositive();
    }

    @Test
    void anUnknownCodeIsRefusedNamingTheCodeAndItsList() throws IOException {
        HubClient.Response refused = portal.submit(Sample.invalid("familiencard", "invalid-codelist-antrag-0100-unknown-anspruchsgrundlage"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:amtsbote:problem:unknown-code");
        JsonNode error = refused.json().get("errors").get(0);
        assertThat(error.get("message").asText()).contains("urn:de:stuttgart:codeliste:familiencard-anspruchsgrundlage");
        assertThat(error.get("line").asInt()).isPositive();
    }

    @Test
    void aSchemaInvalidMessageIsRefusedWithLineAndColumn() throws IOException {
        HubClient.Response refused = portal.submit(Sample.invalid("buergerbeteiligung", "invalid-schema-0401-missing-planID"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:amtsbote:problem:schema-invalid");
        assertThat(refused.json().get("errors").get(0).get("line").asInt()).isEqualTo(40);
        assertThat(refused.json().get("errors").get(0).get("column").asInt()).isEqualTo(27);
    }

    private String delivered(Sample sample) {
        HubClient.Response accepted = portal.submit(sample.xml());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().get("connector").asText()).isEqualTo(sample.connector());
        String trackingId = accepted.json().get("trackingId").asText();
        Awaitility.await().until(() -> "DELIVERED".equals(portal.status(trackingId).json().get("status").asText()));
        return trackingId;
    }

    /** A shipped sample with a new nachrichtenUUID, and its expected output for that id and a tracking id. */
    record Sample(String connector, String xml, String originalId, String messageId, Path expectedFile) {

        static Sample of(String connector, String name) throws IOException {
            Path folder = Path.of("routes", connector, "samples");
            String xml = Files.readString(folder.resolve(name + ".xml"));
            Matcher id = MESSAGE_ID.matcher(xml);
            assertThat(id.find()).isTrue();
            String messageId = UUID.randomUUID().toString();
            Path expected = Files.exists(folder.resolve(name + ".expected.json"))
                    ? folder.resolve(name + ".expected.json") : folder.resolve(name + ".expected.xml");
            return new Sample(connector, xml.replace(id.group(2), messageId), id.group(2), messageId, expected);
        }

        static String invalid(String connector, String name) throws IOException {
            return Files.readString(Path.of("routes", connector, "samples", "invalid", name + ".xml"));
        }

        String expected(String trackingId) throws IOException {
            return Files.readString(expectedFile).replace(originalId, messageId)
                    .replace(SampleCheck.TRACKING_ID, trackingId);
        }
    }
}
