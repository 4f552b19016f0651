package de.amtsbote.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.amtsbote.HubClient;
import de.amtsbote.HubTestSupport;
import de.amtsbote.Samples;
import org.junit.jupiter.api.Test;

/** Each way a portal can send something the hub will not take, with the status and problem body it gets. */
class RejectedSubmissionTest extends HubTestSupport {

    private final HubClient hub = new HubClient(PORT);

    @Test
    void notWellFormedXmlIs400WithTheErrorPosition() {
        HubClient.Response response = hub.submit(Samples.xbau("invalid-not-well-formed-truncated.xml"));

        JsonNode problem = assertProblem(response, 400, "urn:amtsbote:problem:xml-not-well-formed");
        JsonNode error = problem.get("errors").get(0);
        assertThat(error.get("line").asInt()).isGreaterThan(1);
        assertThat(error.get("column").asInt()).isPositive();
        assertThat(error.get("message").asText()).isNotBlank();
    }

    @Test
    void xmlAgainstTheSchemaIs422NamingTheMissingElement() {
        HubClient.Response response = hub.submit(Samples.xbauWithNewMessageId(
                "invalid-schema-antrag-0200-missing-baugrundstueck.xml"));

        JsonNode problem = assertProblem(response, 422, "urn:amtsbote:problem:schema-invalid");
        JsonNode error = problem.get("errors").get(0);
        assertThat(error.get("message").asText()).contains("baugrundstueck");
        assertThat(error.get("line").asInt()).isPositive();
    }

    @Test
    void headerWithAnInvalidDateTimeIs422() {
        HubClient.Response response = hub.submit(Samples.xbauWithNewMessageId("invalid-schema-antrag-0200-bad-dateTime.xml"));

        JsonNode problem = assertProblem(response, 422, "urn:amtsbote:problem:schema-invalid");
        assertThat(problem.get("errors").findValuesAsText("message")).anyMatch(message -> message.contains("dateTime"));
    }

    @Test
    void messageNoConnectorTakesIs422() {
        HubClient.Response response = hub.submit(Samples.xbau("unknown-message-baugenehmigung-anhoerung-0203.xml"));

        JsonNode problem = assertProblem(response, 422, "urn:amtsbote:problem:no-connector");
        assertThat(problem.get("detail").asText()).contains("baugenehmigung.anhoerung.0203");
    }

    @Test
    void messageOfAStandardNoConnectorTakesIs422() {
        HubClient.Response response = hub.submit("<x:nachricht xmlns:x=\"urn:example:unbekannt\"/>");

        assertProblem(response, 422, "urn:amtsbote:problem:no-connector");
    }

    @Test
    void formEncodedBodyIs415() {
        HubClient.Response response = hub.submit("a=b", "application/x-www-form-urlencoded");

        assertProblem(response, 415, "urn:amtsbote:problem:unsupported-media-type");
    }

    @Test
    void bodyOverTheLimitIs413() {
        String xml = Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml");
        String padding = "<!--" + "x".repeat(1024 * 1024) + "-->";

        HubClient.Response response = hub.submit(xml + padding);

        assertProblem(response, 413, "urn:amtsbote:problem:payload-too-large");
    }

    @Test
    void doctypeIsRejectedBeforeAnyEntityIsRead() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<xbau:baugenehmigung.antrag.0200 xmlns:xbau=\"http://www.xleitstelle.de/xbau/2/6\">&e;"
                + "</xbau:baugenehmigung.antrag.0200>";

        HubClient.Response response = hub.submit(xxe);

        JsonNode problem = assertProblem(response, 400, "urn:amtsbote:problem:xml-not-well-formed");
        assertThat(problem.get("errors").get(0).get("message").asText()).contains("DOCTYPE");
        assertThat(response.body()).doesNotContain("root:");
    }

    private static JsonNode assertProblem(HubClient.Response response, int status, String type) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asText()).isEqualTo(type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        return problem;
    }
}
