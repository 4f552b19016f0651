package de.amtsbote.xta;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.amtsbote.DemoClients;
import de.amtsbote.HubClient;
import de.amtsbote.HubTestSupport;
import de.amtsbote.Samples;
import de.amtsbote.attachments.AttachmentTestStandard;
import de.amtsbote.demo.DemoBuildingAuthority;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** sendMessage on the hub's SendXtaPort: SOAP 1.2 over HTTP on loopback, as a pushing sender's XTA client calls it. */
class XtaPushTest extends HubTestSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ATTACHMENT_PORTAL_KEY = "attachment-portal-key";

    @Autowired
    private DemoBuildingAuthority authority;

    @Test
    void pushedMessageIsAnsweredWithATransportReportAndDeliveredOnce() throws Exception {
        String xml = Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml");
        double accepted = intakeCount("accepted", "door", "xta-push", "connector", "ebauantrag");
        double resent = intakeCount("resent", "door", "xta-push", "connector", "ebauantrag");

        HttpResponse<String> response = send(envelope(xml, "urn:de:xta:messageid:push-1"), DemoClients.PORTAL_KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("TransportReport", "<xta:Status>1</xta:Status>", "accepted",
                "urn:de:xta:messageid:push-1", "addressing\">http://www.xta.de/XTA/SendMessage</Action>");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> authority.receiptsOf(Samples.messageId(xml)) == 1);

        HttpResponse<String> again = send(envelope(xml, "urn:de:xta:messageid:push-1"), DemoClients.PORTAL_KEY);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("resent", "Already accepted earlier");
        assertThat(intakeCount("accepted", "door", "xta-push", "connector", "ebauantrag")).isEqualTo(accepted + 1);
        assertThat(intakeCount("resent", "door", "xta-push", "connector", "ebauantrag")).isEqualTo(resent + 1);
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> authority.receiptsOf(Samples.messageId(xml)) == 1);
    }

    @Test
    void anonymousPushIsRefusedBeforeTheIntake() throws Exception {
        String xml = Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml");

        HttpResponse<String> response = send(envelope(xml, "urn:de:xta:messageid:push-anonymous"), null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(send(envelope(xml, "urn:de:xta:messageid:push-bad-key"), "no-such-key").statusCode()).isEqualTo(401);
        assertThat(send(envelope(xml, "urn:de:xta:messageid:push-operator"), DemoClients.OPERATOR_KEY).statusCode())
                .isEqualTo(403);
        Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> authority.receiptsOf(Samples.messageId(xml)) == 0);
    }

    @Test
    void invalidMessageIsASoapFaultNamingTheSchemaErrorsWithLineAndColumn() throws Exception {
        String xml = Samples.xbauWithNewMessageId("invalid-schema-antrag-0200-missing-baugrundstueck.xml");
        double rejected = intakeCount("rejected", "door", "xta-push", "connector", "ebauantrag", "reason", "schema-invalid");

        HttpResponse<String> response = send(envelope(xml, "urn:de:xta:messageid:push-invalid"), DemoClients.PORTAL_KEY);

        assertThat(response.statusCode()).isBetween(400, 500);
        assertThat(response.body()).contains(":Fault", "Sender", "schema-invalid", "baugrundstueck", "line ",
                "MessageSchemaViolationException", "<code>9050</code>", "<amtsbote:problem ", "line=\"", "column=\"");
        assertThat(intakeCount("rejected", "door", "xta-push", "connector", "ebauantrag", "reason", "schema-invalid"))
                .isEqualTo(rejected + 1);
    }

    @Test
    void missingMetadataIsAFaultOfTheSender() throws Exception {
        String xml = Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml");
        String withoutHeader = envelope(xml, "urn:de:xta:messageid:x").replaceAll("(?s)<env:Header>.*</env:Header>", "");

        double unreadable = intakeCount("rejected", "door", "xta-push", "connector", "none", "reason", "xta-content");

        HttpResponse<String> response = send(withoutHeader, DemoClients.PORTAL_KEY);

        assertThat(response.body()).contains(":Fault", "Sender", "MessageMetaData", "ParameterIsNotValidException");
        assertThat(intakeCount("rejected", "door", "xta-push", "connector", "none", "reason", "xta-content"))
                .as("refused before the intake").isEqualTo(unreadable + 1);
        assertThat(authority.receiptsOf(Samples.messageId(xml))).isZero();
    }

    @Test
    void aMessageSentAsAnMtomPartIsTakenLikeAnInlineOne() throws Exception {
        String xml = Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml");
        String soap = envelope(xml, "urn:de:xta:messageid:push-mtom").replaceFirst(
                "<xta:Message contentType=\"text/xml\">[^<]*</xta:Message>",
                "<xta:Message contentType=\"text/xml\">" + include("antrag%40amtsbote.example") + "</xta:Message>");

        HttpResponse<String> response = sendMtom(soap, Map.of("antrag@amtsbote.example", xml.getBytes(StandardCharsets.UTF_8)),
                DemoClients.PORTAL_KEY);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("TransportReport", "accepted");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> authority.receiptsOf(Samples.messageId(xml)) == 1);
    }

    @Test
    void aSpecialistSystemsAnswerPushedBySendMessageIsCorrelatedWithItsSubmission() throws Exception {
        HubClient portal = new HubClient(PORT);
        String application = Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml");
        String trackingId = portal.submit(application).json().get("trackingId").asText();
        portal.awaitStatus(trackingId, "DELIVERED");
        String answer = Samples.answerTo("baugenehmigung-formellePruefung-0201.xml", Samples.messageId(application),
                Samples.applicationReference(application));

        HttpResponse<String> response = send(envelope(answer, "urn:de:xta:messageid:answer-1"), "bauamt-key");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("TransportReport", "Answer taken", "answering tracking id " + trackingId);
        JsonNode answers = portal.get("/api/v1/submissions/" + trackingId + "/answers").json();
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).get("messageType").asText()).isEqualTo("0201");
        assertThat(answers.get(0).get("answeredBy").asText()).isEqualTo("bauamt");
        // not a submission: the demo building authority got the application once, and no answer
        assertThat(authority.receiptsOf(Samples.messageId(answer))).isZero();
    }

    @Test
    void documentsBesideThePushedMessageGoAlongInlineAndAsMtomParts() throws Exception {
        Path drop = AttachmentTestStandard.xtaFileDrop(SCHEMAS, ROUTES, DATA_DIR, PORT);
        byte[] plan = "%PDF-1.7 Lageplan über XTA".getBytes(StandardCharsets.UTF_8);
        byte[] section = "%PDF-1.7 Schnitt A-A".repeat(2000).getBytes(StandardCharsets.UTF_8);
        String xml = AttachmentTestStandard.message("test.anlagen-xta.0015", "über XTA",
                AttachmentTestStandard.document("anlage-01", "Lageplan.pdf", plan),
                AttachmentTestStandard.document("anlage-02", "Schnitt.pdf", section));
        String soap = withAttachments(envelope(xml, "urn:de:xta:messageid:push-documents"),
                attachment("anlage-01", "Lageplan.pdf", Base64.getEncoder().encodeToString(plan)),
                attachment("anlage-02", "Schnitt.pdf", include("schnitt%40amtsbote.example")));

        HttpResponse<String> response = sendMtom(soap, Map.of("schnitt@amtsbote.example", section), ATTACHMENT_PORTAL_KEY);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("TransportReport", "accepted");
        Matcher tracked = Pattern.compile("tracking id ([0-9a-f-]{36})").matcher(response.body());
        assertThat(tracked.find()).isTrue();
        String trackingId = tracked.group(1);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(drop.resolve(trackingId + ".xml")));
        assertThat(drop.resolve(trackingId + "-anlage-01-Lageplan.pdf")).hasBinaryContent(plan);
        assertThat(drop.resolve(trackingId + "-anlage-02-Schnitt.pdf")).hasBinaryContent(section);
        assertThat(drop.resolve(trackingId + ".xml")).hasContent(xml);
    }

    @Test
    void aPushedDocumentThatDiffersFromItsDeclarationIsAFaultNamingIt() throws Exception {
        AttachmentTestStandard.xtaFileDrop(SCHEMAS, ROUTES, DATA_DIR, PORT);
        byte[] plan = "%PDF-1.7 Lageplan".getBytes(StandardCharsets.UTF_8);
        String xml = AttachmentTestStandard.message("test.anlagen-xta.0015", "verändert",
                AttachmentTestStandard.document("anlage-01", "Lageplan.pdf", plan));
        String soap = withAttachments(envelope(xml, "urn:de:xta:messageid:push-changed"), attachment("anlage-01",
                "Lageplan.pdf", Base64.getEncoder().encodeToString("%PDF-1.7 Lageplan, geändert".getBytes(StandardCharsets.UTF_8))));

        HttpResponse<String> response = send(soap, ATTACHMENT_PORTAL_KEY);

        assertThat(response.statusCode()).isBetween(400, 500);
        assertThat(response.body()).contains(":Fault", "Sender", "attachment-mismatch", "anlage-01",
                "ParameterIsNotValidException");
    }

    private static String withAttachments(String envelope, String... attachments) {
        return envelope.replace("</xta:Message></xta:ContentContainer>", "</xta:Message>" + String.join("", attachments)
                + "</xta:ContentContainer>");
    }

    private static String attachment(String id, String fileName, String content) {
        return "<xta:Attachment contentType=\"application/pdf\" filename=\"" + fileName + "\" id=\"" + id + "\">"
                + content + "</xta:Attachment>";
    }

    private static String include(String contentId) {
        return "<xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" href=\"cid:" + contentId + "\"/>";
    }

    /** The envelope as the root part of an MTOM package, with the parts it includes by content id. */
    private static HttpResponse<String> sendMtom(String soap, Map<String, byte[]> parts, String apiKey) throws Exception {
        String boundary = "MIME_boundary_" + java.util.UUID.randomUUID();
        ByteArrayOutputStream mime = new ByteArrayOutputStream();
        mime.writeBytes(("--" + boundary + "\r\n"
                + "Content-Type: application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"\r\n"
                + "Content-Transfer-Encoding: 8bit\r\nContent-ID: <root@amtsbote.example>\r\n\r\n" + soap + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        parts.forEach((contentId, content) -> {
            mime.writeBytes(("--" + boundary + "\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Transfer-Encoding: binary\r\nContent-ID: <" + contentId + ">\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            mime.writeBytes(content);
            mime.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        mime.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/services/xta/send"))
                .header("Content-Type", "multipart/related; type=\"application/xop+xml\"; start=\"<root@amtsbote.example>\";"
                        + " start-info=\"application/soap+xml; action=\\\"http://www.xta.de/XTA/SendMessage\\\"\"; boundary=\"" + boundary + "\"")
                .header(DemoClients.API_KEY_HEADER, apiKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(mime.toByteArray())).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSendersHeadersDoNotSteerTheHub() throws Exception {
        String xml = Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml");

        HttpResponse<String> response = send(envelope(xml, "urn:de:xta:messageid:push-smuggle"), DemoClients.PORTAL_KEY,
                Map.of("amtsboteConnector", "familiencard", "amtsboteAttempts", "299", "JMSXGroupID", "x",
                        "CamelJmsDestinationName", "delivery.familiencard"));

        assertThat(response.statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> authority.receiptsOf(Samples.messageId(xml)) == 1);
    }

    private static HttpResponse<String> send(String envelope, String apiKey) throws Exception {
        return send(envelope, apiKey, Map.of());
    }

    private static HttpResponse<String> send(String envelope, String apiKey, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/services/xta/send"))
                .header("Content-Type", "application/soap+xml; charset=UTF-8; action=\"http://www.xta.de/XTA/SendMessage\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope));
        if (apiKey != null) {
            request.header(DemoClients.API_KEY_HEADER, apiKey);
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A sendMessage as a sender's XTA client writes it: WS-Addressing, MessageMetaData, the message in base64. */
    private static String envelope(String xml, String xtaMessageId) {
        return "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:wsa=\"http://www.w3.org/2005/08/addressing\" xmlns:xta=\"" + XtaMessages.XTA + "\""
                + " xmlns:oscimeta=\"" + XtaMessages.META + "\"><env:Header>"
                + "<wsa:Action>http://www.xta.de/XTA/SendMessage</wsa:Action>"
                + "<wsa:MessageID>urn:uuid:" + java.util.UUID.randomUUID() + "</wsa:MessageID>"
                + "<wsa:To>http://localhost:" + PORT + "/services/xta/send</wsa:To>"
                + "<oscimeta:MessageMetaData><oscimeta:DeliveryAttributes/>"
                + "<oscimeta:Originators><oscimeta:Author><oscimeta:Identifier type=\"xoev\">dvdv:08000-servicebw"
                + "</oscimeta:Identifier></oscimeta:Author></oscimeta:Originators>"
                + "<oscimeta:Destinations><oscimeta:Reader><oscimeta:Identifier type=\"xoev\">dvdv:08111-0000"
                + "</oscimeta:Identifier></oscimeta:Reader></oscimeta:Destinations>"
                + "<oscimeta:MsgIdentification><wsa:MessageID>" + xtaMessageId + "</wsa:MessageID></oscimeta:MsgIdentification>"
                + "<oscimeta:Qualifier><oscimeta:Service>urn:xoev-de:xleitstelle:standard:xbau</oscimeta:Service>"
                + "<oscimeta:BusinessScenario><oscimeta:Undefined>XBAU</oscimeta:Undefined></oscimeta:BusinessScenario>"
                + "<oscimeta:MessageType listURI=\"urn:xoev-de:xbau:codeliste:xbau-nachrichten\" listVersionID=\"2.6\""
                + " payloadSchema=\"http://www.xleitstelle.de/xbau/2/6\"><code>0200</code></oscimeta:MessageType>"
                + "</oscimeta:Qualifier></oscimeta:MessageMetaData></env:Header><env:Body>"
                + "<xta:GenericContentContainer><xta:ContentContainer><xta:Message contentType=\"text/xml\">"
                + Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8))
                + "</xta:Message></xta:ContentContainer></xta:GenericContentContainer></env:Body></env:Envelope>";
    }
}
