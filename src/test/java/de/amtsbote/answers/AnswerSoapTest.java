package de.amtsbote.answers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.amtsbote.DemoClients;
import de.amtsbote.HubClient;
import de.amtsbote.HubTestSupport;
import de.amtsbote.Samples;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Answers over SOAP ({@code wsdl/antworten.wsdl}): the same answer intake as the REST door, a fault for a refusal. */
class AnswerSoapTest extends HubTestSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final HubClient portal = new HubClient(PORT);

    @Test
    void aSoapAnswerIsCorrelatedAndReadByThePortal() throws Exception {
        String application = Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml");
        String trackingId = portal.submit(application).json().get("trackingId").asText();
        portal.awaitStatus(trackingId, "DELIVERED");
        String answer = Samples.answerTo("baugenehmigung-formellePruefung-0201.xml", Samples.messageId(application),
                Samples.applicationReference(application));

        HttpResponse<String> response = call(answer, "bauamt-key");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("antwortQuittung", "<quittung:zugeordnet>true</quittung:zugeordnet>",
                "<quittung:trackingId>" + trackingId + "</quittung:trackingId>", "<quittung:status>RECEIVED</quittung:status>");
        JsonNode answers = portal.get("/api/v1/submissions/" + trackingId + "/answers").json();
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).get("messageType").asText()).isEqualTo("0201");
        assertThat(portal.get(answers.get(0).get("payload").asText()).body()).contains(Samples.messageId(application));
    }

    @Test
    void anInvalidAnswerIsAFaultNamingTheProblemWithLineAndColumn() throws Exception {
        String invalid = Samples.xbau("invalid-schema-formellePruefung-0201-missing-antragVollstaendig.xml")
                .replaceFirst("<nachrichtenUUID>[^<]*</nachrichtenUUID>", "<nachrichtenUUID>" + UUID.randomUUID() + "</nachrichtenUUID>");

        HttpResponse<String> response = call(invalid, "bauamt-key");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("Fault", "Client", "schema-invalid", "antragVollstaendig",
                "<amtsbote:problems", "line=\"", "column=\"");
    }

    @Test
    void onlySpecialistSystemsAnswer() throws Exception {
        String answer = Samples.answerTo("baugenehmigung-formellePruefung-0201.xml", UUID.randomUUID().toString(), "x");

        assertThat(call(answer, null).statusCode()).isEqualTo(401);
        assertThat(call(answer, DemoClients.PORTAL_KEY).statusCode()).isEqualTo(403);
    }

    private static HttpResponse<String> call(String answer, String apiKey) throws Exception {
        String body = answer.replaceFirst("^<\\?xml[^>]*\\?>", "");
        String envelope = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + "<a:antwort xmlns:a=\"urn:de:amtsbote:antworten:1\"><a:nachricht>" + body + "</a:nachricht></a:antwort>"
                + "</soap:Body></soap:Envelope>";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/services/antworten"))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"urn:de:amtsbote:antworten:1:beantworten\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope));
        if (apiKey != null) {
            request.header(DemoClients.API_KEY_HEADER, apiKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
