package de.amtsbote.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.amtsbote.HubClient;
import de.amtsbote.Samples;
import de.amtsbote.security.TestCertificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS everywhere by configuration only, with a self-signed test CA: the packaged hub serves its REST API and its
 * SOAP endpoints (CXF, under {@code /services}) over HTTPS alone, and reaches its external broker through a TLS
 * acceptor, the broker's only port. A submission travels portal → HTTPS → hub → TLS → broker → hub → HTTPS SOAP →
 * the demo specialist system (served by the same hub, so its SOAP endpoint is the one under test). The hub also
 * asks for client certificates: one the test CA signed for a configured client's common name is that client's
 * credential (mutual TLS). One broker and one hub serve every test, as their start is the expensive part.
 */
class TlsIT {

    private static TestCertificates certificates;
    private static StandaloneArtemis broker;
    private static HubJvm hub;
    private static HubClient client;

    @BeforeAll
    static void startHubAndBroker() {
        certificates = TestCertificates.create(Path.of("target", "it", "tls-" + UUID.randomUUID().toString().substring(0, 8)));
        broker = StandaloneArtemis.createWithTls(certificates).start();
        hub = HubJvm.builder("hub-tls")
                .broker(broker)
                .https(certificates)
                .clientCertificates(certificates)
                .property("amtsbote.security.clients.tls-portal.roles", "portal")
                .property("amtsbote.security.clients.tls-portal.certificate-cn", "portal.stuttgart.example")
                .property("amtsbote.security.clients.tls-portal.connectors", "ebauantrag")
                .trustStore(certificates) // for the SOAP call to the demo specialist system, over HTTPS as well
                .destinationAddress("bauaufsicht", "https://localhost:${server.port}/services/demo/bauaufsicht")
                .maxHeap("256m")
                .start();
        client = hub.client();
    }

    @AfterAll
    static void stopAll() {
        ChildProcess.closeAll(hub, broker);
    }

    @Test
    void theRestApiAnswersOverHttpsWithTheConfiguredCertificate() {
        HubClient.Response health = client.get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void aSubmissionOverHttpsIsQueuedOnTheTlsBrokerAndDeliveredOverHttpsSoap() {
        HubClient.Response response = client.submit(Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml"));
        assertThat(response.status()).as(response.body()).isEqualTo(202);

        String trackingId = response.json().get("trackingId").asText();
        assertThat(HubClient.statuses(client.awaitStatus(trackingId, "DELIVERED"))).containsSubsequence("QUEUED", "DELIVERED");
    }

    @Test
    void aClientCertificateAloneAuthenticatesItsClient() {
        HubClient portal = HubClient.certificate(hub.port(), certificates.sslContext("portal.stuttgart.example"));

        HubClient.Response response = portal.submit(Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml"));

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        String trackingId = response.json().get("trackingId").asText();
        assertThat(portal.awaitStatus(trackingId, "DELIVERED").get("submittedBy").asText()).isEqualTo("tls-portal");
    }

    @Test
    void aCertificateOfNoConfiguredClientOrNoneAtAllIsRefused() {
        String xml = Samples.xbauWithNewMessageId("baugenehmigung-antrag-0200.xml");

        HubClient.Response stranger = HubClient.certificate(hub.port(), certificates.sslContext("stranger.example")).submit(xml);
        HubClient.Response none = HubClient.certificate(hub.port(), certificates.sslContext()).submit(xml);

        assertThat(stranger.status()).isEqualTo(401);
        assertThat(stranger.json().get("type").asText()).isEqualTo("urn:amtsbote:problem:unauthenticated");
        assertThat(none.status()).isEqualTo(401);
    }

    @Test
    void theSoapEndpointIsServedOverHttps() {
        HubClient.Response wsdl = client.get("/services/demo/bauaufsicht?wsdl");

        assertThat(wsdl.status()).isEqualTo(200);
        // CXF writes the address it was asked on into the WSDL: clients are sent to the HTTPS port
        assertThat(wsdl.body()).contains("FachverfahrenService",
                "location=\"https://localhost:" + hub.port() + "/services/demo/bauaufsicht\"");
    }

    @Test
    void thePortServesNoPlainHttp() throws Exception {
        HttpResponse<String> plain = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + hub.port() + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(plain.statusCode()).as("Tomcat's answer to plain HTTP on a TLS port").isEqualTo(400);
        assertThat(plain.body()).doesNotContain("UP");
    }

    @Test
    void aClientThatDoesNotTrustTheTestCaIsRefused() {
        HttpRequest health = HttpRequest.newBuilder(URI.create("https://localhost:" + hub.port() + "/actuator/health")).build();

        assertThatThrownBy(() -> HttpClient.newHttpClient().send(health, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void theBrokerTakesNoPlainConnections() {
        assertThat(broker.takesPlainLogins()).isFalse();
    }
}
