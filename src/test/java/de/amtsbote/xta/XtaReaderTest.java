package de.amtsbote.xta;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.amtsbote.HubClient;
import de.amtsbote.Multipart;
import de.amtsbote.HubTestSupport;
import de.amtsbote.Samples;
import de.amtsbote.attachments.AttachmentTestStandard;
import de.amtsbote.demo.DemoBuildingAuthority;
import de.amtsbote.tracking.Submission;
import de.amtsbote.tracking.SubmissionStatus;
import de.amtsbote.tracking.TrackingStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The XTA reader against a fake XTA server on loopback: what it fetches it delivers once, it closes a message only
 * once the intake answered, a lost close means a second fetch that the intake recognises, and a refused message is
 * closed and kept for operators instead of being fetched forever.
 */
class XtaReaderTest extends HubTestSupport {

    private static final String READER_ROUTE = "xta-reader-fake";
    private static final FakeXtaServer XTA = new FakeXtaServer();

    @Autowired
    private CamelContext camel;
    @Autowired
    private DemoBuildingAuthority authority;
    @Autowired
    private TrackingStore tracking;
    @Autowired
    private XtaRefusals refusals;

    @BeforeAll
    static void startXtaServer() {
        XTA.start(XTA_PORT);
    }

    @AfterAll
    static void stopXtaServer() {
        XTA.stop();
    }

    @BeforeEach
    void startReader() throws Exception {
        camel.getRouteController().startRoute(READER_ROUTE);
    }

    @AfterEach
    void stopReader() throws Exception {
        camel.getRouteController().stopRoute(READER_ROUTE);
    }

    @Test
    void pollDeliversTheMessageClosesItAndRecordsItsTransportMetadata() {
        String xml = Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml");
        String nachrichtenUUID = Samples.messageId(xml);
        double accepted = intakeCount("accepted", "door", "xta-reader", "connector", "ebauantrag");

        String xtaId = XTA.deliver(xml);

        awaitClosed(xtaId, Duration.ofSeconds(30));
        awaitDelivered(nachrichtenUUID);
        assertThat(intakeCount("accepted", "door", "xta-reader", "connector", "ebauantrag")).isEqualTo(accepted + 1);
        assertThat(XTA.fetches(xtaId)).isEqualTo(1);
        assertThat(XTA.closes(xtaId)).isEqualTo(1);
        assertThat(XTA.authors()).contains(FakeXtaServer.READER);
        Submission submission = tracking.findByMessage("XBau-Hochbau", nachrichtenUUID).orElseThrow();
        assertThat(submission.submittedBy()).isEqualTo("xta-reader");
        JsonNode status = HubClient.operator(PORT).awaitStatus(submission.trackingId(), "DELIVERED");
        assertThat(status.get("history").findValuesAsText("detail")).anyMatch(detail -> detail.contains(xtaId)
                && detail.contains("author xoev:dvdv:08000-servicebw") && detail.contains("reader xoev:" + FakeXtaServer.READER)
                && detail.contains("service urn:xoev-de:xleitstelle:standard:xbau") && detail.contains("XBAU_DATA")
                && detail.contains("message type 0200 (urn:xoev-de:xbau:codeliste:xbau-nachrichten)"));
    }

    @Test
    void closeLostAfterGetMessageMeansASecondFetchThatIsDeliveredOnlyOnce() {
        String xml = Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml");
        String nachrichtenUUID = Samples.messageId(xml);
        String xtaId = XTA.deliver(xml);
        XTA.refuseFirstClose(xtaId);

        awaitClosed(xtaId, Duration.ofSeconds(30));
        awaitDelivered(nachrichtenUUID);

        assertThat(XTA.fetches(xtaId)).isEqualTo(2);
        assertThat(XTA.closes(xtaId)).isEqualTo(2);
        // the second fetch was answered with the first receipt: nothing went out again, now or later
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> authority.receiptsOf(nachrichtenUUID) == 1);
        Submission submission = tracking.findByMessage("XBau-Hochbau", nachrichtenUUID).orElseThrow();
        JsonNode status = HubClient.operator(PORT).status(submission.trackingId()).json();
        assertThat(status.get("history").findValuesAsText("detail")).anyMatch(detail -> detail.contains("Sent again"));
    }

    @Test
    void threeHundredMessagesInTheBoxAreAllDeliveredOnce() {
        Map<String, String> byXtaId = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            String xml = Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml");
            byXtaId.put(XTA.deliver(xml), Samples.messageId(xml));
        }

        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> byXtaId.keySet().stream().noneMatch(XTA::holds));
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> byXtaId.values().stream().allMatch(id -> authority.receiptsOf(id) >= 1));

        List<String> notOnce = new ArrayList<>();
        byXtaId.forEach((xtaId, uuid) -> {
            if (authority.receiptsOf(uuid) != 1 || XTA.fetches(xtaId) != 1) {
                notOnce.add(xtaId + " fetched " + XTA.fetches(xtaId) + ", delivered " + authority.receiptsOf(uuid));
            }
        });
        assertThat(notOnce).isEmpty();
    }

    @Test
    void invalidMessageIsClosedRecordedForOperatorsAndNotFetchedAgain() {
        String invalid = Samples.xbauWithNewMessageId("invalid-schema-antrag-0200-missing-baugrundstueck.xml");
        double rejected = intakeCount("rejected", "door", "xta-reader", "reason", "schema-invalid");
        String invalidId = XTA.deliver(invalid);
        awaitClosed(invalidId, Duration.ofSeconds(30));
        // a later message through the same box: by the time it is closed, polls after the refusal have run
        String later = XTA.deliver(Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml"));
        awaitClosed(later, Duration.ofSeconds(30));

        assertThat(XTA.fetches(invalidId)).isEqualTo(1);
        assertThat(authority.receiptsOf(Samples.messageId(invalid))).isZero();
        assertThat(intakeCount("rejected", "door", "xta-reader", "reason", "schema-invalid")).isEqualTo(rejected + 1);
        assertThat(refusals.recent(1000)).anySatisfy(refusal -> {
            assertThat(refusal.xtaMessageId()).isEqualTo(invalidId);
            assertThat(refusal.account()).isEqualTo("fake");
            assertThat(refusal.problemType()).isEqualTo("schema-invalid");
            assertThat(refusal.size()).isEqualTo(invalid.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        });
        HubClient.Response listed = HubClient.operator(PORT).get("/api/v1/xta/refusals");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().findValuesAsText("xtaMessageId")).contains(invalidId);
        assertThat(HubClient.anonymous(PORT).get("/api/v1/xta/refusals").status()).isEqualTo(401);
        assertThat(new HubClient(PORT).get("/api/v1/xta/refusals").status()).isEqualTo(403);
    }

    @Test
    void documentsBesideAFetchedMessageGoAlongWithIt() throws Exception {
        Path drop = AttachmentTestStandard.xtaFileDrop(SCHEMAS, ROUTES, DATA_DIR, PORT);
        byte[] plan = "%PDF-1.7 Lageplan aus service-bw".getBytes(StandardCharsets.UTF_8);
        String xml = AttachmentTestStandard.message("test.anlagen-xta.0015", "aus service-bw",
                AttachmentTestStandard.document("anlage-01", "Lageplan.pdf", plan));

        String xtaId = XTA.deliver(xml, Map.of("anlage-01", plan));

        awaitClosed(xtaId, Duration.ofSeconds(30));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> tracking.findByMessage("Anlagentest",
                Samples.messageId(xml)).map(submission -> submission.status() == SubmissionStatus.DELIVERED).orElse(false));
        String trackingId = tracking.findByMessage("Anlagentest", Samples.messageId(xml)).orElseThrow().trackingId();
        assertThat(drop.resolve(trackingId + "-anlage-01-Lageplan.pdf")).hasBinaryContent(plan);
        assertThat(drop.resolve(trackingId + ".xml")).hasContent(xml);
    }

    private static void awaitClosed(String xtaId, Duration atMost) {
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> !XTA.holds(xtaId));
    }

    @Test
    void theSpecialistSystemsAnswerGoesBackToTheXtaAuthorThroughTheAccountAfterARetry() {
        String xml = Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml");
        String xtaId = XTA.deliver(xml);
        awaitClosed(xtaId, Duration.ofSeconds(30));
        awaitDelivered(Samples.messageId(xml));
        String trackingId = tracking.findByMessage("XBau-Hochbau", Samples.messageId(xml)).orElseThrow().trackingId();
        XTA.sendPort().failNext(1);
        int createdBefore = XTA.managementPort().created().size();
        String answer = Samples.answerTo("baugenehmigung-formellePruefung-0201.xml", Samples.messageId(xml),
                Samples.applicationReference(xml));

        HubClient.Response taken = new HubClient(PORT, "bauamt-key").answer(answer);

        assertThat(taken.status()).as(taken.body()).isEqualTo(202);
        assertThat(taken.json().get("trackingId").asText()).isEqualTo(trackingId);
        String answerId = taken.json().get("answerId").asText();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !XTA.sendPort().sent().isEmpty()
                && answerStatus(trackingId, answerId).equals("DELIVERED"));
        FakeXtaSendPort.Sent sent = XTA.sendPort().sent().stream()
                .filter(s -> new String(s.message(), StandardCharsets.UTF_8).equals(answer)).findFirst().orElseThrow();
        // its MessageID is the XTA server's, created once: the retry after the failed attempt used it again
        List<String> created = XTA.managementPort().created().stream().filter(sent.metaData()::contains).toList();
        assertThat(created).hasSize(1).allMatch(id -> id.startsWith(FakeXtaManagementPort.MESSAGE_IDS));
        assertThat(XTA.managementPort().created()).hasSizeLessThanOrEqualTo(createdBefore + 1);
        // from the account to service-bw, the author of the message it answers, in its service
        assertThat(sent.metaData()).containsPattern("Originators>.*" + FakeXtaServer.READER + ".*</[a-z]+:Originators")
                .containsPattern("Reader>.*dvdv:08000-servicebw")
                .contains("urn:xoev-de:xleitstelle:standard:xbau", "XBAU_DATA");
        assertThat(XTA.sendPort().calls()).isGreaterThanOrEqualTo(2);
        JsonNode history = HubClient.operator(PORT).get("/api/v1/submissions/" + trackingId + "/answers").json()
                .get(0).get("history");
        assertThat(history.findValuesAsText("status")).containsSubsequence("RECEIVED", "QUEUED", "FAILED", "DELIVERED");
        assertThat(history.findValuesAsText("detail")).anyMatch(detail -> detail.contains("XTA author xoev:dvdv:08000-servicebw")
                && detail.contains(xtaId));
    }

    @Test
    void documentsBesideAnAnswerGoBackToTheXtaAuthorAsMtomParts() throws Exception {
        AttachmentTestStandard.xtaFileDrop(SCHEMAS, ROUTES, DATA_DIR, PORT);
        String xml = AttachmentTestStandard.message("test.anlagen-xta.0015", "aus service-bw, wird beschieden");
        String xtaId = XTA.deliver(xml);
        awaitClosed(xtaId, Duration.ofSeconds(30));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> tracking.findByMessage("Anlagentest",
                Samples.messageId(xml)).isPresent());
        byte[] decision = "%PDF-1.7 Bescheid an service-bw".getBytes(StandardCharsets.UTF_8);
        String answer = AttachmentTestStandard.answer("test.anlagen-xta-bescheid.0019", Samples.messageId(xml),
                "Bescheid", AttachmentTestStandard.document("bescheid-01", "Bescheid.pdf", decision));

        HubClient.Response taken = new HubClient(PORT, "bauamt-key").answer(Multipart.formData()
                .part("message", "bescheid.xml", "application/xml", answer.getBytes(StandardCharsets.UTF_8))
                .part("bescheid-01", "Bescheid.pdf", "application/pdf", decision));

        assertThat(taken.status()).as(taken.body()).isEqualTo(202);
        FakeXtaSendPort.Sent sent = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> XTA.sendPort().sent()
                .stream().filter(s -> new String(s.message(), StandardCharsets.UTF_8).equals(answer)).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        assertThat(sent.attachments()).containsOnlyKeys("bescheid-01");
        assertThat(sent.attachments().get("bescheid-01")).isEqualTo(decision);
        assertThat(sent.mtomParts()).containsExactly("bescheid-01");
    }

    @Test
    void theAccountsHealthIsWhatTheXtaServerSaysOfIt() {
        HubClient operator = HubClient.operator(PORT);
        HubClient.Response active = operator.get("/actuator/health/xta");
        assertThat(active.status()).as(active.body()).isEqualTo(200);
        JsonNode account = active.json().get("components").get("xta").get("components").get("fake");
        assertThat(account.get("status").asText()).isEqualTo("UP");
        assertThat(account.get("details").get("accountActive").asBoolean()).isTrue();

        XTA.managementPort().active(false);
        try {
            HubClient.Response inactive = operator.get("/actuator/health/xta");
            assertThat(inactive.status()).isEqualTo(503);
            JsonNode inactiveAccount = inactive.json().get("components").get("xta").get("components").get("fake");
            assertThat(inactiveAccount.get("details").get("accountActive").asBoolean()).isFalse();
            assertThat(HubClient.anonymous(PORT).get("/actuator/health/xta").body()).doesNotContain("accountActive");
            assertThat(operator.get("/actuator/health/readiness").status()).as("not part of readiness").isEqualTo(200);
        } finally {
            XTA.managementPort().active(true);
        }
    }

    private static String answerStatus(String trackingId, String answerId) {
        JsonNode answers = HubClient.operator(PORT).get("/api/v1/submissions/" + trackingId + "/answers").json();
        for (JsonNode answer : answers) {
            if (answerId.equals(answer.get("answerId").asText())) {
                return answer.get("status").asText();
            }
        }
        return "";
    }

    private void awaitDelivered(String nachrichtenUUID) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> authority.receiptsOf(nachrichtenUUID) >= 1);
        assertThat(authority.receiptsOf(nachrichtenUUID)).isEqualTo(1);
    }
}
