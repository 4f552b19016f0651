package de.amtsbote.answers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import de.amtsbote.HubClient;
import de.amtsbote.HubTestSupport;
import de.amtsbote.Multipart;
import de.amtsbote.MultipartParts;
import de.amtsbote.Samples;
import de.amtsbote.attachments.AttachmentTestStandard;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Answers of a specialist system from POST /api/v1/answers to the portal: correlated with the submission they
 * answer, read by that portal only, kept when they match nothing, and posted to a portal's callback URL (a JDK HTTP
 * server on loopback here) with the broker's retries.
 */
class AnswerFlowTest extends HubTestSupport {

    private static final String APPLICATION = "baugenehmigung-antrag-0200.xml";
    private static final String FORMAL_CHECK = "baugenehmigung-formellePruefung-0201.xml";
    private static final String RECEIPT = "prozessnachrichten-generischeQuittierungEingang-1180.xml";
    /** Callbacks to /answers fail this often per answer before the portal takes them. */
    private static final int CALLBACK_FAILURES = 2;

    private static final String ANLAGEN_APPLICATION = "test.anlagen-antrag.0017";
    private static final String ANLAGEN_DECISION = "test.anlagen-bescheid.0018";
    private static final byte[] DECISION = "%PDF-1.7 Baugenehmigung, Jahnstraße 47".getBytes(StandardCharsets.UTF_8);
    private static final Path ANSWER_DOCUMENTS = DATA_DIR.resolve("attachments/answers");
    private static boolean connectorAdded;

    private static HttpServer callbackServer;
    private static final List<Callback> callbacks = new CopyOnWriteArrayList<>();
    private static final Map<String, AtomicInteger> attemptsByAnswer = new ConcurrentHashMap<>();

    private final HubClient portal = new HubClient(PORT);
    private final HubClient otherPortal = new HubClient(PORT, "other-portal-key");
    private final HubClient callbackPortal = new HubClient(PORT, "callback-portal-key");
    private final HubClient refusingPortal = new HubClient(PORT, "refusing-portal-key");
    private final HubClient attachmentPortal = new HubClient(PORT, "attachment-portal-key");
    private final HubClient specialistSystem = new HubClient(PORT, "bauamt-key");
    private final HubClient operator = HubClient.operator(PORT);

    record Callback(String path, String answerId, String trackingId, String contentType, byte[] content, int status) {

        String body() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    static void startThePortalsCallbackServer() throws IOException {
        callbackServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), CALLBACK_PORT), 0);
        callbackServer.createContext("/answers", exchange -> {
            String answerId = exchange.getRequestHeaders().getFirst("X-Amtsbote-Answer-Id");
            int attempt = attemptsByAnswer.computeIfAbsent(answerId, id -> new AtomicInteger()).incrementAndGet();
            respond(exchange, attempt <= CALLBACK_FAILURES ? 503 : 204);
        });
        callbackServer.createContext("/refused", exchange -> respond(exchange, 400));
        callbackServer.start();
    }

    /** The attachment tests' connector whose specialist system answers with documents, added by a reload. */
    @BeforeEach
    void addTheConnectorWhoseAnswersCarryDocuments() throws IOException {
        if (connectorAdded) {
            return;
        }
        AttachmentTestStandard.install(SCHEMAS, ROUTES);
        AttachmentTestStandard.connector(ROUTES, "attachment-answer", ANLAGEN_APPLICATION, ANLAGEN_DECISION, """
                  protocol: file
                  address: %s""".formatted(DATA_DIR.resolve("dropbox/anlagen-antwort")), null);
        AttachmentTestStandard.reload(PORT);
        connectorAdded = true;
    }

    @AfterAll
    static void stopThePortalsCallbackServer() {
        callbackServer.stop(0);
    }

    private static void respond(HttpExchange exchange, int status) throws IOException {
        callbacks.add(new Callback(exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("X-Amtsbote-Answer-Id"),
                exchange.getRequestHeaders().getFirst("X-Amtsbote-Tracking-Id"),
                exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestBody().readAllBytes(), status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Test
    void aFormalCheckIsCorrelatedWithItsApplicationAndListedForThePortal() {
        String application = Samples.xbauWithNewMessageId(APPLICATION);
        String trackingId = submitAndAwaitDelivery(portal, application);
        String answer = Samples.answerTo(FORMAL_CHECK, Samples.messageId(application), Samples.applicationReference(application));

        HubClient.Response taken = specialistSystem.answer(answer);

        assertThat(taken.status()).isEqualTo(202);
        assertThat(taken.json().get("matched").asBoolean()).isTrue();
        assertThat(taken.json().get("trackingId").asText()).isEqualTo(trackingId);
        assertThat(taken.json().get("status").asText()).as("the demo portal has no callback URL").isEqualTo("RECEIVED");
        String answerId = taken.json().get("answerId").asText();
        JsonNode answers = portal.get("/api/v1/submissions/" + trackingId + "/answers").json();
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).get("answerId").asText()).isEqualTo(answerId);
        assertThat(answers.get(0).get("messageType").asText()).isEqualTo("0201");
        assertThat(answers.get(0).get("answeredBy").asText()).isEqualTo("bauamt");
        assertThat(answers.get(0).get("receivedAt").asText()).isNotBlank();
        HubClient.Response payload = portal.get(answers.get(0).get("payload").asText());
        assertThat(payload.status()).isEqualTo(200);
        assertThat(payload.body()).isEqualTo(answer);
        JsonNode submission = portal.status(trackingId).json();
        assertThat(submission.get("status").asText()).as("an answer does not undo DELIVERED").isEqualTo("DELIVERED");
        assertThat(submission.get("history").findValuesAsText("detail"))
                .anyMatch(detail -> detail.contains("Answered by bauamt") && detail.contains(answerId));
    }

    @Test
    void aReceiptNamingAnUnknownMessageIsCorrelatedByItsCase() {
        String application = Samples.xbauWithNewMessageId(APPLICATION);
        String trackingId = submitAndAwaitDelivery(portal, application);

        HubClient.Response taken = specialistSystem.answer(Samples.answerTo(RECEIPT, UUID.randomUUID().toString(), Samples.applicationReference(application)));

        assertThat(taken.status()).isEqualTo(202);
        assertThat(taken.json().get("trackingId").asText()).isEqualTo(trackingId);
        assertThat(portal.get("/api/v1/submissions/" + trackingId + "/answers").json().get(0).get("messageType").asText())
                .isEqualTo("1180");
    }

    @Test
    void anotherPortalCannotReadTheAnswers() {
        String application = Samples.xbauWithNewMessageId(APPLICATION);
        String trackingId = submitAndAwaitDelivery(portal, application);
        String answerId = specialistSystem.answer(Samples.answerTo(FORMAL_CHECK, Samples.messageId(application), Samples.applicationReference(application)))
                .json().get("answerId").asText();

        assertProblem(otherPortal.get("/api/v1/submissions/" + trackingId + "/answers"), 403, "forbidden");
        assertProblem(otherPortal.get(AnswerStore.payloadPath(answerId)), 403, "forbidden");
        assertProblem(portal.get("/api/v1/submissions/00000000-0000-4000-8000-000000000000/answers"), 404, "not-found");
        assertThat(operator.get("/api/v1/submissions/" + trackingId + "/answers").json()).hasSize(1);
        assertThat(operator.get(AnswerStore.payloadPath(answerId)).status()).isEqualTo(200);
    }

    @Test
    void anAnswerThatMatchesNoSubmissionIsKeptForOperators() {
        String answer = Samples.answerTo(FORMAL_CHECK, UUID.randomUUID().toString(), UUID.randomUUID().toString());

        HubClient.Response taken = specialistSystem.answer(answer);

        assertThat(taken.status()).as("the specialist system did its part").isEqualTo(202);
        assertThat(taken.json().get("matched").asBoolean()).isFalse();
        assertThat(taken.json().get("status").asText()).isEqualTo("UNMATCHED");
        String answerId = taken.json().get("answerId").asText();
        JsonNode unmatched = operator.get("/api/v1/answers?unmatched=true").json();
        assertThat(unmatched.findValuesAsText("answerId")).contains(answerId);
        assertThat(unmatched).allSatisfy(kept -> assertThat(kept.get("trackingId").isNull()).isTrue());
        assertThat(operator.get(AnswerStore.payloadPath(answerId)).body()).isEqualTo(answer);
        assertProblem(portal.get("/api/v1/answers?unmatched=true"), 403, "forbidden");
        assertProblem(portal.get(AnswerStore.payloadPath(answerId)), 403, "forbidden");
    }

    @Test
    void aResentAnswerGetsTheFirstReceipt() {
        String answer = Samples.answerTo(FORMAL_CHECK, UUID.randomUUID().toString(), UUID.randomUUID().toString());
        String answerId = specialistSystem.answer(answer).json().get("answerId").asText();

        HubClient.Response again = specialistSystem.answer(answer);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("answerId").asText()).isEqualTo(answerId);
        assertThat(again.json().get("resend").asBoolean()).isTrue();
        assertProblem(specialistSystem.answer(answer.replace("Standsicherheitsnachweis", "Brandschutznachweis")), 409, "conflict");
    }

    @Test
    void anInvalidAnswerIsRefusedWithItsSchemaErrors() {
        String answer = Samples.answerTo("invalid-schema-formellePruefung-0201-missing-antragVollstaendig.xml",
                UUID.randomUUID().toString(), UUID.randomUUID().toString());

        HubClient.Response refused = specialistSystem.answer(answer);

        assertProblem(refused, 422, "schema-invalid");
        assertThat(refused.json().get("errors").get(0).get("message").asText()).contains("antragVollstaendig");
        assertThat(operator.get("/api/v1/answers").json().findValuesAsText("messageId"))
                .doesNotContain(Samples.messageId(answer));
    }

    @Test
    void onlySpecialistSystemsPostAnswers() {
        String answer = Samples.answerTo(FORMAL_CHECK, UUID.randomUUID().toString(), UUID.randomUUID().toString());

        assertProblem(HubClient.anonymous(PORT).answer(answer), 401, "unauthenticated");
        assertProblem(portal.answer(answer), 403, "forbidden");
        assertProblem(operator.answer(answer), 403, "forbidden");
        assertProblem(portal.answer(Samples.xbauWithNewMessageId(APPLICATION)), 403, "forbidden");
        assertProblem(specialistSystem.answer(Samples.xbauWithNewMessageId(APPLICATION)), 422, "no-connector");
    }

    @Test
    void theAnswerIsPostedToThePortalsCallbackAfterRetriesAndDeliveredOnce() {
        String application = Samples.xbauWithNewMessageId(APPLICATION);
        String trackingId = submitAndAwaitDelivery(callbackPortal, application);
        String answer = Samples.answerTo(FORMAL_CHECK, Samples.messageId(application), Samples.applicationReference(application));

        HubClient.Response taken = specialistSystem.answer(answer);

        assertThat(taken.status()).isEqualTo(202);
        assertThat(taken.json().get("status").asText()).isEqualTo("QUEUED");
        String answerId = taken.json().get("answerId").asText();
        JsonNode delivered = awaitAnswerStatus(callbackPortal, trackingId, "DELIVERED");
        assertThat(delivered.get("attempts").asInt()).isEqualTo(CALLBACK_FAILURES + 1);
        assertThat(delivered.get("history").findValuesAsText("status"))
                .containsExactly("RECEIVED", "QUEUED", "FAILED", "FAILED", "DELIVERED");
        List<Callback> received = callbacksOf(answerId);
        assertThat(received).hasSize(CALLBACK_FAILURES + 1).allSatisfy(callback -> {
            assertThat(callback.path()).isEqualTo("/answers");
            assertThat(callback.trackingId()).isEqualTo(trackingId);
            assertThat(callback.body()).isEqualTo(answer);
        });
        // nothing comes after the confirmed one: the broker does not redeliver a committed callback
        Awaitility.await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3))
                .until(() -> callbacksOf(answerId).size() == CALLBACK_FAILURES + 1);
        assertThat(callbacksOf(answerId)).filteredOn(callback -> callback.status() / 100 == 2).hasSize(1);
    }

    @Test
    void aCallbackThePortalRefusesIsGivenUpAtOnce() {
        String application = Samples.xbauWithNewMessageId(APPLICATION);
        String trackingId = submitAndAwaitDelivery(refusingPortal, application);
        String answerId = specialistSystem.answer(Samples.answerTo(FORMAL_CHECK, Samples.messageId(application), Samples.applicationReference(application)))
                .json().get("answerId").asText();

        JsonNode given = awaitAnswerStatus(refusingPortal, trackingId, "DEAD_LETTER");

        assertThat(given.get("attempts").asInt()).as("a 4xx is permanent").isEqualTo(1);
        assertThat(callbacksOf(answerId)).hasSize(1);
        assertThat(refusingPortal.get(AnswerStore.payloadPath(answerId)).status()).as("still readable").isEqualTo(200);
    }

    @Test
    void documentsBesideAnAnswerGoToThePortalsCallbackAsPartsAndLeaveTheStoreOnceDelivered() throws IOException {
        String application = AttachmentTestStandard.message(ANLAGEN_APPLICATION, "Antrag mit Bescheid");
        String trackingId = submitAndAwaitDelivery(callbackPortal, application);
        String answer = decisionOn(application, "Baugenehmigung Jahnstraße.pdf");

        HubClient.Response taken = specialistSystem.answer(withDecision(answer, DECISION));

        assertThat(taken.status()).as(taken.body()).isEqualTo(202);
        assertThat(taken.json().get("trackingId").asText()).isEqualTo(trackingId);
        String answerId = taken.json().get("answerId").asText();
        awaitAnswerStatus(callbackPortal, trackingId, "DELIVERED");
        List<Callback> received = callbacksOf(answerId);
        assertThat(received).hasSize(CALLBACK_FAILURES + 1).allSatisfy(callback -> {
            assertThat(callback.contentType()).startsWith("multipart/form-data");
            Map<String, MultipartParts.Part> parts = MultipartParts.of(new ByteArrayInputStream(callback.content()),
                    callback.contentType());
            assertThat(parts.keySet()).containsExactly("message", "bescheid-01");
            assertThat(parts.get("message").content()).isEqualTo(answer.getBytes(StandardCharsets.UTF_8));
            assertThat(parts.get("bescheid-01").content()).isEqualTo(DECISION);
            assertThat(parts.get("bescheid-01").fileName()).isEqualTo("bescheid-01-Baugenehmigung_Jahnstrasse.pdf");
        });
        Awaitility.await().until(() -> !Files.exists(ANSWER_DOCUMENTS.resolve(answerId)));
        assertThat(callbackPortal.get(decisionDocument(answerId)).status()).as("delivered with the answer, not kept")
                .isEqualTo(404);
    }

    @Test
    void aPortalWithoutCallbackReadsTheDocumentsBesideAnAnswer() {
        String application = AttachmentTestStandard.message(ANLAGEN_APPLICATION, "Antrag ohne Callback");
        String trackingId = submitAndAwaitDelivery(attachmentPortal, application);
        String answer = decisionOn(application, "Bescheid.pdf");

        HubClient.Response taken = specialistSystem.answer(withDecision(answer, DECISION));

        assertThat(taken.status()).as(taken.body()).isEqualTo(202);
        assertThat(taken.json().get("status").asText()).isEqualTo("RECEIVED");
        String document = decisionDocument(taken.json().get("answerId").asText());
        HubClient.Response read = attachmentPortal.get(document);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(DECISION);
        assertThat(otherPortal.get(document).status()).as("another portal's answer").isEqualTo(403);
        assertThat(attachmentPortal.get(answersOf(trackingId)).json().get(0).get("answerId").asText())
                .isEqualTo(taken.json().get("answerId").asText());
    }

    @Test
    void aDocumentThatDiffersFromTheAnswersDeclarationIsRefusedNamingIt() {
        String application = AttachmentTestStandard.message(ANLAGEN_APPLICATION, "Antrag");
        submitAndAwaitDelivery(attachmentPortal, application);
        String answer = decisionOn(application, "Bescheid.pdf");

        HubClient.Response refused = specialistSystem.answer(withDecision(answer, "%PDF-1.7 ein anderer".getBytes(StandardCharsets.UTF_8)));

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:amtsbote:problem:attachment-mismatch");
        assertThat(refused.json().get("documentId").asText()).isEqualTo("bescheid-01");
    }

    /** A decision on the application that declares DECISION as its document bescheid-01 with this file name. */
    private static String decisionOn(String application, String fileName) {
        return AttachmentTestStandard.answer(ANLAGEN_DECISION, Samples.messageId(application), "Bescheid",
                AttachmentTestStandard.document("bescheid-01", fileName, DECISION));
    }

    /** Where a portal reads DECISION beside the answer. */
    private static String decisionDocument(String answerId) {
        return "/api/v1/answers/" + answerId + "/documents/" + AttachmentTestStandard.sha256(DECISION);
    }

    private static Multipart withDecision(String answer, byte[] decision) {
        return Multipart.formData().part("message", "bescheid.xml", "application/xml", answer.getBytes(StandardCharsets.UTF_8))
                .part("bescheid-01", "Bescheid.pdf", "application/pdf", decision);
    }

    private static String answersOf(String trackingId) {
        return "/api/v1/submissions/" + trackingId + "/answers";
    }

    private static String submitAndAwaitDelivery(HubClient client, String application) {
        HubClient.Response submitted = client.submit(application);
        assertThat(submitted.status()).isEqualTo(202);
        String trackingId = submitted.json().get("trackingId").asText();
        client.awaitStatus(trackingId, "DELIVERED");
        return trackingId;
    }

    private static JsonNode awaitAnswerStatus(HubClient client, String trackingId, String status) {
        return client.await(() -> client.get("/api/v1/submissions/" + trackingId + "/answers"),
                response -> response.json().size() == 1 && status.equals(response.json().get(0).get("status").asText()))
                .json().get(0);
    }

    private static List<Callback> callbacksOf(String answerId) {
        List<Callback> of = new ArrayList<>();
        callbacks.stream().filter(callback -> answerId.equals(callback.answerId())).forEach(of::add);
        return of;
    }

    private static void assertProblem(HubClient.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("urn:amtsbote:problem:" + type);
    }
}
