package de.amtsbote.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import de.amtsbote.DemoClients;
import de.amtsbote.HubClient;
import de.amtsbote.HubTestSupport;
import de.amtsbote.Samples;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Who may call what, proven over HTTP against the running hub with each kind of credential. */
class AccessControlTest extends HubTestSupport {

    private static final String APPLICATION = "baugenehmigung-antrag-0200.xml";
    private static final String NO_SUBMISSION = "/api/v1/submissions/00000000-0000-4000-8000-000000000000";

    private final HubClient portal = new HubClient(PORT);
    private final HubClient operator = HubClient.operator(PORT);
    private final HubClient otherPortal = new HubClient(PORT, "other-portal-key");
    private final HubClient anonymous = HubClient.anonymous(PORT);
    private final ListAppender<ILoggingEvent> audit = new ListAppender<>();

    @BeforeEach
    void listenToTheAuditLog() {
        audit.start();
        ((Logger) LoggerFactory.getLogger("amtsbote.audit")).addAppender(audit);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger("amtsbote.audit")).detachAppender(audit);
    }

    @Test
    void withoutCredentialsOnlyHealthIsOpen() {
        assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
        // the whole is open too; its status may be DOWN here (the test context's XTA server runs only for its tests)
        assertThat(anonymous.get("/actuator/health").json().get("status").asText()).isIn("UP", "DOWN");

        assertProblem(anonymous.submit(Samples.xbauWithNewMessageId(APPLICATION)), 401, "unauthenticated");
        assertProblem(anonymous.get(NO_SUBMISSION), 401, "unauthenticated");
        assertProblem(anonymous.get("/api/v1/dead-letters"), 401, "unauthenticated");
        assertProblem(anonymous.get("/actuator/metrics"), 401, "unauthenticated");
        assertProblem(anonymous.get("/anything/else"), 401, "unauthenticated");
        assertThat(auditLines()).anyMatch(line -> line.contains("who=anonymous")
                && line.contains("what=\"POST /api/v1/submissions\"") && line.contains("outcome=401"));
    }

    @Test
    void anUnknownApiKeyIsRefused() {
        assertProblem(new HubClient(PORT, "guessed-key").get(NO_SUBMISSION), 401, "unauthenticated");
    }

    @Test
    void portalSubmitsAndReadsItsOwnButNotTheOperatorsApi() {
        String trackingId = portal.submit(Samples.xbauWithNewMessageId(APPLICATION)).json().get("trackingId").asText();

        JsonNode submission = portal.awaitStatus(trackingId, "DELIVERED");

        assertThat(submission.get("submittedBy").asText()).isEqualTo("demo-portal");
        assertProblem(portal.get("/api/v1/dead-letters"), 403, "forbidden");
        assertProblem(portal.post("/api/v1/dead-letters/replay?destination=bauaufsicht"), 403, "forbidden");
        assertProblem(portal.get("/actuator/metrics"), 403, "forbidden");
        assertThat(auditLines()).anyMatch(line -> line.contains("who=demo-portal")
                && line.contains("what=\"GET /api/v1/dead-letters\"") && line.contains("outcome=403"));
    }

    @Test
    void operatorReadsEverySubmissionAndTheDeadLettersButSubmitsNothing() {
        String trackingId = portal.submit(Samples.xbauWithNewMessageId(APPLICATION)).json().get("trackingId").asText();

        assertThat(operator.status(trackingId).status()).isEqualTo(200);
        assertThat(operator.get("/api/v1/dead-letters").status()).isEqualTo(200);
        assertThat(operator.get("/actuator/metrics").status()).isEqualTo(200);
        assertProblem(operator.submit(Samples.xbauWithNewMessageId(APPLICATION)), 403, "forbidden");
    }

    @Test
    void portalMayNotSubmitToAConnectorItIsNotRegisteredFor() {
        String xml = Samples.xbauWithNewMessageId(APPLICATION);

        JsonNode problem = assertProblem(otherPortal.submit(xml), 403, "forbidden");

        assertThat(problem.get("detail").asText()).contains("ebauantrag");
        assertThat(auditLines()).anyMatch(line -> line.contains("who=other-portal") && line.contains("outcome=403")
                && line.contains("ebauantrag"));
        assertThat(auditLines()).noneMatch(line -> line.contains("<") || line.contains("Bauantrag"));
        // refused before it was recorded: the registered portal can still send this message id
        assertThat(portal.submit(xml).status()).isEqualTo(202);
    }

    @Test
    void portalReadsNoOtherPortalsSubmissionNorReusesItsMessageId() {
        String xml = Samples.xbauWithNewMessageId(APPLICATION);
        String trackingId = portal.submit(xml).json().get("trackingId").asText();

        assertProblem(otherPortal.status(trackingId), 403, "forbidden");
        JsonNode taken = assertProblem(HubClient.bearer(PORT, ISSUER.token("jwt-portal")).submit(xml), 409,
                "conflicting-resend");
        assertThat(taken.has("trackingId")).as("another client's tracking id is not disclosed").isFalse();
    }

    @Test
    void bearerTokenFromTheConfiguredIssuerAuthenticatesItsClient() {
        HubClient jwtPortal = HubClient.bearer(PORT, ISSUER.token("jwt-portal"));

        HubClient.Response accepted = jwtPortal.submit(Samples.xbauWithNewMessageId(APPLICATION));

        assertThat(accepted.status()).isEqualTo(202);
        String trackingId = accepted.json().get("trackingId").asText();
        assertThat(jwtPortal.awaitStatus(trackingId, "DELIVERED").get("submittedBy").asText()).isEqualTo("jwt-portal");
        assertProblem(portal.status(trackingId), 403, "forbidden");
    }

    @Test
    void tokensThatAreForgedExpiredOrFromAnotherIssuerAreRefused() {
        String xml = Samples.xbauWithNewMessageId(APPLICATION);
        Instant inAMinute = Instant.now().plus(Duration.ofMinutes(1));

        assertProblem(HubClient.bearer(PORT, ISSUER.forgedToken("jwt-portal")).submit(xml), 401, "unauthenticated");
        assertProblem(HubClient.bearer(PORT, ISSUER.token("jwt-portal", ISSUER.issuer(),
                Instant.now().minus(Duration.ofMinutes(5)))).submit(xml), 401, "unauthenticated");
        assertProblem(HubClient.bearer(PORT, ISSUER.token("jwt-portal", "https://elsewhere.example/", inAMinute))
                .submit(xml), 401, "unauthenticated");
        assertProblem(HubClient.bearer(PORT, "not.a.token").submit(xml), 401, "unauthenticated");
        // a valid token of a client the hub does not know gets no role
        assertProblem(HubClient.bearer(PORT, ISSUER.token("stranger")).submit(xml), 403, "forbidden");
    }

    @Test
    void aClientOverItsRateGets429() {
        HubClient limited = new HubClient(PORT, "limited-portal-key");

        List<HubClient.Response> responses = IntStream.range(0, 15).mapToObj(i -> limited.get(NO_SUBMISSION)).toList();

        List<HubClient.Response> refused = responses.stream().filter(response -> response.status() == 429).toList();
        assertThat(refused).isNotEmpty();
        assertProblem(refused.get(0), 429, "too-many-requests");
        assertThat(responses.stream().filter(response -> response.status() == 404).count())
                .as("at most two one-second windows of 5").isBetween(1L, 10L);
        // another client is not held back by this one
        assertThat(portal.get(NO_SUBMISSION).status()).isEqualTo(404);
    }

    @Test
    void aClientWithTooManyRequestsInProgressGets429() throws Exception {
        // a submission whose body is announced but not sent: the request stays in progress until the socket closes
        try (Socket stalled = new Socket(InetAddress.getLoopbackAddress(), PORT)) {
            stalled.getOutputStream().write(("POST /api/v1/submissions HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/xml\r\n" + DemoClients.API_KEY_HEADER + ": busy-portal-key\r\n"
                    + "Content-Length: 1000\r\n\r\n<?xml version=\"1.0\"?>").getBytes(StandardCharsets.US_ASCII));
            stalled.getOutputStream().flush();
            HubClient busy = new HubClient(PORT, "busy-portal-key");

            // the first probe waits a moment, so that the stalled request is the one in progress
            HubClient.Response second = Awaitility.await().atMost(Duration.ofSeconds(10))
                    .pollDelay(Duration.ofMillis(500)).pollInterval(Duration.ofMillis(100))
                    .until(() -> busy.get(NO_SUBMISSION), response -> response.status() == 429);

            assertThat(second.json().get("detail").asText()).contains("in progress");
            assertThat(stalled.getInputStream().available()).as("the stalled request is still unanswered").isZero();
        }
        // the permit comes back when the stalled request ends
        HubClient busy = new HubClient(PORT, "busy-portal-key");
        assertThat(busy.await(() -> busy.get(NO_SUBMISSION), response -> response.status() != 429).status())
                .isEqualTo(404);
    }

    private List<String> auditLines() {
        return audit.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static JsonNode assertProblem(HubClient.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("urn:amtsbote:problem:" + type);
        return response.json();
    }
}
