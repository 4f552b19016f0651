package de.amtsbote.attachments;

import static de.amtsbote.attachments.AttachmentTestStandard.connector;
import static de.amtsbote.attachments.AttachmentTestStandard.document;
import static de.amtsbote.attachments.AttachmentTestStandard.message;
import static de.amtsbote.attachments.AttachmentTestStandard.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import de.amtsbote.DemoClients;
import de.amtsbote.HubClient;
import de.amtsbote.HubTestSupport;
import de.amtsbote.Multipart;
import de.amtsbote.MultipartParts;
import de.amtsbote.Samples;
import de.amtsbote.demo.DemoBuildingAuthority;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Documents beside the XML: posted as multipart/form-data or multipart/related, checked against the sizes and
 * hashes the message declares, kept in the attachment store until delivered, delivered as parts to a REST
 * destination (a JDK HTTP server on loopback that records them) and as files beside the XML to a file drop, and
 * removed afterwards. The connectors are added while the hub runs, by a reload.
 */
class AttachmentsTest extends HubTestSupport {

    private static final byte[] PLAN = "%PDF-1.7 Lageplan Jahnstraße 47".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DRAWINGS = "%PDF-1.7 Bauzeichnungen".repeat(1000).getBytes(StandardCharsets.UTF_8);
    private static final Path STORE = DATA_DIR.resolve("attachments");

    private final HubClient portal = new HubClient(PORT, "attachment-portal-key");
    private final HubClient puller = new HubClient(PORT, "pulling-system-key");

    @Autowired
    DemoBuildingAuthority buildingAuthority;
    private static final List<Received> restRequests = new CopyOnWriteArrayList<>();
    /** A REST request whose message contains "warten" waits for this, so a test can look at the store meanwhile. */
    private static final CountDownLatch release = new CountDownLatch(1);
    private static HttpServer rest;
    private static Path dropFolder;

    record Received(String contentType, Map<String, MultipartParts.Part> parts) {
        String message() {
            return new String(parts.get("message").content(), StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void startEndpointAndAddConnectors() throws Exception {
        if (rest != null) {
            return;
        }
        rest = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        rest.createContext("/fachverfahren/antraege", exchange -> {
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            Received received = new Received(contentType, MultipartParts.of(exchange.getRequestBody(), contentType));
            restRequests.add(received);
            if (received.message().contains("warten")) {
                await(release);
            }
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        rest.start();
        dropFolder = DATA_DIR.resolve("dropbox/anlagentest");
        AttachmentTestStandard.install(SCHEMAS, ROUTES);
        connector(ROUTES, "attachment-rest", "test.anlagen-rest.0011", """
                  protocol: rest
                  address: http://127.0.0.1:%d/fachverfahren/antraege
                  retry:
                    delay: 100ms
                    max-attempts: 3""".formatted(rest.getAddress().getPort()), null);
        connector(ROUTES, "attachment-file", "test.anlagen-datei.0012", """
                  protocol: file
                  address: %s""".formatted(dropFolder), null);
        Path soap = Files.createDirectories(ROUTES.resolve("attachment-soap"));
        Files.copy(Path.of("routes/ebauantrag/to-bauaufsicht.xsl"), soap.resolve("to-bauaufsicht.xsl"));
        connector(ROUTES, "attachment-soap", "test.anlagen-soap.0014", """
                  protocol: soap
                  address: http://localhost:%d/services/demo/bauaufsicht
                  soap:
                    mtom: true""".formatted(PORT), "to-bauaufsicht.xsl");
        connector(ROUTES, "attachment-msgbox", "test.anlagen-postfach.0016", """
                  protocol: msgbox""", null);
        connector(ROUTES, "attachment-jms", "test.anlagen-jms.0013", """
                  protocol: jms
                  address: anlagen.test""", null);
        AttachmentTestStandard.reload(PORT);
    }

    @AfterAll
    static void stopEndpoint() {
        release.countDown();
        rest.stop(0);
    }

    @Test
    void formDataGoesToRestAsPartsAndTheStoreIsEmptiedAfterDelivery() throws Exception {
        String xml = message("test.anlagen-rest.0011", "bitte warten",
                document("anlage-01", "Lageplan_Jahnstraße_47.pdf", PLAN),
                document("anlage-02", "../../etc/Bauzeichnungen.pdf", DRAWINGS));

        HubClient.Response response = portal.submit(Multipart.formData()
                .part("message", "antrag.xml", "application/xml", xml.getBytes(StandardCharsets.UTF_8))
                .part("anlage-01", "irgendwas.pdf", "application/pdf", PLAN)
                .part("anlage-02", "b.pdf", "application/pdf", DRAWINGS));

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        String trackingId = response.json().get("trackingId").asText();
        // stored durably under the tracking id, named by content hash, while the destination has not confirmed
        Awaitility.await().until(() -> restRequests.stream().anyMatch(r -> r.message().contains(trackingId) || r.message().equals(xml)));
        assertThat(STORE.resolve(trackingId).resolve(sha256(PLAN))).hasBinaryContent(PLAN);
        assertThat(STORE.resolve(trackingId).resolve(sha256(DRAWINGS))).hasBinaryContent(DRAWINGS);
        release.countDown();

        JsonNode status = portal.awaitStatus(trackingId, "DELIVERED");

        Received request = restRequests.stream().filter(r -> r.message().equals(xml)).findFirst().orElseThrow();
        assertThat(request.contentType()).startsWith("multipart/form-data;").contains("boundary=");
        assertThat(request.parts().keySet()).containsExactly("message", "anlage-01", "anlage-02");
        assertThat(request.parts().get("message").contentType()).startsWith("application/xml");
        assertThat(request.parts().get("anlage-01").content()).isEqualTo(PLAN);
        assertThat(request.parts().get("anlage-01").fileName()).isEqualTo("anlage-01-Lageplan_Jahnstrasse_47.pdf");
        assertThat(request.parts().get("anlage-02").content()).isEqualTo(DRAWINGS);
        // the client's path never becomes one
        assertThat(request.parts().get("anlage-02").fileName()).isEqualTo("anlage-02-__.._etc_Bauzeichnungen.pdf");
        assertThat(HubClient.lastDetail(status)).contains("HTTP 201");
        Awaitility.await().until(() -> !Files.exists(STORE.resolve(trackingId)));
    }

    @Test
    void multipartRelatedGoesToAFileDropAsFilesBesideTheXml() throws Exception {
        String xml = message("test.anlagen-datei.0012", "für die Ablage",
                document("anlage-01", "Lageplan.pdf", PLAN), document("plan/2", "Schnitt A-A Wölfle.pdf", DRAWINGS));

        HubClient.Response response = portal.submit(Multipart.related().start("antrag")
                .part("plan/2", null, "application/pdf", DRAWINGS)
                .part("antrag", null, "application/xml", xml.getBytes(StandardCharsets.UTF_8))
                .part("anlage-01", null, "application/pdf", PLAN));

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        String trackingId = response.json().get("trackingId").asText();
        portal.awaitStatus(trackingId, "DELIVERED");
        assertThat(dropFolder.resolve(trackingId + ".xml")).hasContent(xml);
        assertThat(dropFolder.resolve(trackingId + "-anlage-01-Lageplan.pdf")).hasBinaryContent(PLAN);
        assertThat(dropFolder.resolve(trackingId + "-plan_2-Schnitt_A-A_Woelfle.pdf")).hasBinaryContent(DRAWINGS);
        Awaitility.await().until(() -> !Files.exists(STORE.resolve(trackingId)));
    }

    @Test
    void aSoapDestinationWithMtomGetsTheDocumentsAsAttachments() {
        String xml = message("test.anlagen-soap.0014", "an das Baurechtsamt",
                document("anlage-01", "Lageplan.pdf", PLAN), document("plan/2", "Bauzeichnungen.pdf", DRAWINGS));

        String trackingId = accepted(portal, withPlans(xml, "plan/2"));

        portal.awaitStatus(trackingId, "DELIVERED");
        assertThat(buildingAuthority.receiptsOf(Samples.messageId(xml))).isEqualTo(1);
        assertBuildingAuthorityGot(xml, "plan_2");
        Awaitility.await().until(() -> !Files.exists(STORE.resolve(trackingId)));
    }

    @Test
    void aMessageBoxKeepsTheDocumentsForRestAndXtaUntilTheMessageIsClosed() throws Exception {
        String xml = message("test.anlagen-postfach.0016", "zum Abholen",
                document("anlage-01", "Lageplan.pdf", PLAN), document("plan/2", "Schnitt.pdf", DRAWINGS));
        String trackingId = accepted(portal, withPlans(xml, "plan/2"));
        portal.awaitStatus(trackingId, "IN_MESSAGE_BOX");
        String messages = "/api/v1/message-boxes/test-anlagen-msgbox/messages";

        // REST: the listing names each document, fetched by its hash
        JsonNode entry = null;
        for (JsonNode listed : puller.get(messages).json()) {
            entry = trackingId.equals(listed.get("trackingId").asText()) ? listed : entry;
        }
        assertThat(entry).as("listed").isNotNull();
        assertThat(entry.get("documents").findValuesAsText("documentId")).containsExactly("anlage-01", "plan/2");
        HubClient.Response plan = puller.get(messages + "/" + trackingId + "/documents/" + sha256(PLAN));
        assertThat(plan.status()).isEqualTo(200);
        assertThat(plan.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(PLAN);
        assertThat(puller.get(messages + "/" + trackingId + "/documents/" + sha256(new byte[1])).status()).isEqualTo(404);

        // XTA: getMessage carries them as Attachment elements whose content is an MTOM part
        Map<String, MultipartParts.Part> fetched = xtaFetch("urn:uuid:" + trackingId);
        assertThat(fetched).containsKeys("root", "anlage-01", "plan_2");
        String envelope = new String(fetched.get("root").content(), StandardCharsets.UTF_8);
        assertThat(envelope).contains("id=\"anlage-01\"").contains("id=\"plan/2\"")
                .contains("href=\"cid:anlage-01\"").contains("href=\"cid:plan_2\"");
        assertThat(fetched.get("anlage-01").content()).isEqualTo(PLAN);
        assertThat(fetched.get("plan_2").content()).isEqualTo(DRAWINGS);
        assertThat(STORE.resolve(trackingId)).as("kept until closed").isDirectory();

        HubClient.Response closed = puller.post(messages + "/" + trackingId + "/close");
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(portal.status(trackingId).json().get("status").asText()).isEqualTo("DELIVERED");
        Awaitility.await().until(() -> !Files.exists(STORE.resolve(trackingId)));
        assertThat(puller.get(messages + "/" + trackingId + "/documents/" + sha256(PLAN)).status()).isEqualTo(404);
    }

    /** XTA's getMessage on the hub's MsgBoxPort, over plain HTTP: the MTOM package's parts by Content-ID. */
    private static Map<String, MultipartParts.Part> xtaFetch(String messageId) throws Exception {
        String envelope = "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:wsa=\"http://www.w3.org/2005/08/addressing\" xmlns:osci=\"http://www.osci.eu/ws/2008/05/transport\">"
                + "<env:Header><wsa:Action>http://www.osci.eu/ws/2008/05/transport/urn/messageTypes/MsgBoxFetchRequest</wsa:Action>"
                + "<wsa:MessageID>urn:uuid:" + java.util.UUID.randomUUID() + "</wsa:MessageID>"
                + "<wsa:To>http://localhost:" + PORT + "/services/xta/msgbox</wsa:To></env:Header><env:Body>"
                + "<osci:MsgBoxFetchRequest><osci:MsgSelector><wsa:MessageID>" + messageId + "</wsa:MessageID>"
                + "</osci:MsgSelector></osci:MsgBoxFetchRequest></env:Body></env:Envelope>";
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + PORT + "/services/xta/msgbox"))
                .header("Content-Type", "application/soap+xml; charset=UTF-8")
                .header("X-API-Key", "pulling-system-key")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofInputStream());
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(contentType).startsWith("multipart/related").contains("application/xop+xml");
        return MultipartParts.of(response.body(), contentType);
    }

    @Test
    void aBuildingApplicationWithItsPlansReachesTheBuildingAuthorityAsMtom() {
        // the shipped eBauantrag connector and its sample, declaring this test's two plans
        String xml = Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml")
                .replaceFirst("filesize=\"1843207\" hashValue=\"[0-9a-f]+\"", declared(PLAN))
                .replaceFirst("filesize=\"6120554\" hashValue=\"[0-9a-f]+\"", declared(DRAWINGS));

        HubClient demoPortal = new HubClient(PORT, DemoClients.PORTAL_KEY);

        String trackingId = accepted(demoPortal, withPlans(xml, "anlage-02"));

        demoPortal.awaitStatus(trackingId, "DELIVERED");
        assertBuildingAuthorityGot(xml, "anlage-02");
        Awaitility.await().until(() -> !Files.exists(STORE.resolve(trackingId)));
    }

    /** The message with PLAN as document anlage-01 and DRAWINGS as the other. */
    private static Multipart withPlans(String xml, String drawingsId) {
        return Multipart.formData()
                .part("message", "antrag.xml", "application/xml", xml.getBytes(StandardCharsets.UTF_8))
                .part("anlage-01", "a.pdf", "application/pdf", PLAN)
                .part(drawingsId, "b.pdf", "application/pdf", DRAWINGS);
    }

    private static String accepted(HubClient client, Multipart submission) {
        HubClient.Response response = client.submit(submission);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json().get("trackingId").asText();
    }

    /** The demo building authority received PLAN and DRAWINGS as MTOM parts with these Content-IDs. */
    private void assertBuildingAuthorityGot(String xml, String drawingsContentId) {
        assertThat(buildingAuthority.documentsOf(Samples.messageId(xml))).containsExactlyInAnyOrder(
                new DemoBuildingAuthority.Document("anlage-01", PLAN.length, sha256(PLAN)),
                new DemoBuildingAuthority.Document(drawingsContentId, DRAWINGS.length, sha256(DRAWINGS)));
    }

    private static String declared(byte[] document) {
        return "filesize=\"" + document.length + "\" hashValue=\"" + sha256(document) + "\"";
    }

    @Test
    void anIdenticalResendWithItsDocumentsIsTheSameSubmission() {
        String xml = message("test.anlagen-datei.0012", "zweimal", document("anlage-01", "Lageplan.pdf", PLAN));
        HubClient.Response first = portal.submit(withPlan(xml, PLAN));
        assertThat(first.status()).as(first.body()).isEqualTo(202);

        HubClient.Response again = portal.submit(withPlan(xml, PLAN));

        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("trackingId").asText()).isEqualTo(first.json().get("trackingId").asText());
        assertNothingLeftIncoming();
    }

    @Test
    void aHashMismatchIsRefusedNamingTheDocument() {
        String xml = message("test.anlagen-datei.0012", "falscher Hash", document("anlage-01", "Lageplan.pdf", PLAN));
        byte[] other = PLAN.clone();
        other[0] = 'X';

        HubClient.Response response = portal.submit(withPlan(xml, other));

        assertRefused(response, "anlage-01", "SHA-256");
    }

    @Test
    void aSizeMismatchIsRefusedNamingTheDocument() {
        String xml = message("test.anlagen-datei.0012", "falsche Größe", document("anlage-01", "Lageplan.pdf", PLAN));

        HubClient.Response response = portal.submit(withPlan(xml, (new String(PLAN, StandardCharsets.UTF_8) + " ")
                .getBytes(StandardCharsets.UTF_8)));

        assertRefused(response, "anlage-01", "filesize " + PLAN.length);
    }

    @Test
    void aPartNoDocumentDeclaresIsRefused() {
        String xml = message("test.anlagen-datei.0012", "zu viel", document("anlage-01", "Lageplan.pdf", PLAN));

        HubClient.Response response = portal.submit(Multipart.formData()
                .part("message", null, "application/xml", xml.getBytes(StandardCharsets.UTF_8))
                .part("anlage-01", "a.pdf", "application/pdf", PLAN)
                .part("anlage-99", "b.pdf", "application/pdf", DRAWINGS));

        assertRefused(response, "anlage-99", "no document the message declares");
    }

    @Test
    void aDeclaredDocumentWithoutPartIsRefused() {
        String xml = message("test.anlagen-datei.0012", "zu wenig", document("anlage-01", "Lageplan.pdf", PLAN),
                document("anlage-02", "Schnitt.pdf", DRAWINGS));

        HubClient.Response response = portal.submit(withPlan(xml, PLAN));

        assertRefused(response, "anlage-02", "no part carries it");
    }

    @Test
    void aDestinationThatTakesNoDocumentsRefusesThem() {
        String xml = message("test.anlagen-jms.0013", "per JMS", document("anlage-01", "Lageplan.pdf", PLAN));

        assertRefused(portal.submit(withPlan(xml, PLAN)), "anlage-01", "takes no documents");
    }

    @Test
    void aDocumentOverTheLimitIsRefusedWhileRead() {
        byte[] large = new byte[1024 * 1024 + 1]; // amtsbote.attachments.max-part-size is 1MB here
        String xml = message("test.anlagen-datei.0012", "zu groß", document("anlage-01", "Lageplan.pdf", large));

        HubClient.Response response = portal.submit(withPlan(xml, large));

        assertThat(response.status()).as(response.body()).isEqualTo(413);
        assertThat(response.json().get("detail").asText()).contains("anlage-01");
        assertNothingLeftIncoming();
    }

    @Test
    void aFormWithoutMessagePartIsABadRequest() {
        HubClient.Response response = portal.submit(Multipart.formData().part("anlage-01", "a.pdf", "application/pdf", PLAN));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("type").asText()).isEqualTo("urn:amtsbote:problem:multipart-malformed");
        assertNothingLeftIncoming();
    }

    @Test
    void aBodyCutOffBeforeItsClosingBoundaryIsABadRequest() {
        String xml = message("test.anlagen-datei.0012", "abgeschnitten", document("anlage-01", "Lageplan.pdf", PLAN));
        String cut = "--cut\r\nContent-Disposition: form-data; name=\"message\"\r\nContent-Type: application/xml\r\n\r\n"
                + xml + "\r\n--cut\r\nContent-Disposition: form-data; name=\"anlage-01\"\r\n\r\nthe first half of a plan";

        HubClient.Response response = portal.submit(cut.getBytes(StandardCharsets.UTF_8),
                "multipart/form-data; boundary=cut");

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("type").asText()).isEqualTo("urn:amtsbote:problem:multipart-malformed");
        assertNothingLeftIncoming();
    }

    @Test
    void aDocumentThatIsItselfMultipartStaysOneDocument() {
        byte[] mail = ("--inner\r\nContent-Type: text/plain\r\n\r\nStellungnahme der Nachbarn\r\n--inner--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        String xml = message("test.anlagen-datei.0012", "eine E-Mail", document("anlage-01", "Stellungnahme.eml", mail));

        HubClient.Response response = portal.submit(Multipart.formData()
                .part("message", null, "application/xml", xml.getBytes(StandardCharsets.UTF_8))
                .part("anlage-01", "Stellungnahme.eml", "multipart/mixed; boundary=inner", mail));

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        String trackingId = response.json().get("trackingId").asText();
        portal.awaitStatus(trackingId, "DELIVERED");
        assertThat(dropFolder.resolve(trackingId + "-anlage-01-Stellungnahme.eml")).hasBinaryContent(mail);
    }

    private static Multipart withPlan(String xml, byte[] plan) {
        return Multipart.formData()
                .part("message", null, "application/xml", xml.getBytes(StandardCharsets.UTF_8))
                .part("anlage-01", "Lageplan.pdf", "application/pdf", plan);
    }

    private void assertRefused(HubClient.Response response, String documentId, String detail) {
        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("urn:amtsbote:problem:attachment-mismatch");
        assertThat(response.json().get("documentId").asText()).isEqualTo(documentId);
        assertThat(response.json().get("detail").asText()).contains(documentId).contains(detail);
        assertNothingLeftIncoming();
    }

    private static void assertNothingLeftIncoming() {
        try (Stream<Path> incoming = Files.list(STORE.resolve(".incoming"))) {
            assertThat(incoming).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static {
        Awaitility.setDefaultTimeout(Duration.ofSeconds(30));
    }
}
