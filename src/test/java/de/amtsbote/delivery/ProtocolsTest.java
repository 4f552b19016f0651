package de.amtsbote.delivery;

import static de.amtsbote.ProtocolTestStandard.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import de.amtsbote.HubClient;
import de.amtsbote.HubTestSupport;
import de.amtsbote.ProtocolTestStandard;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

/**
 * Each outbound protocol against a real endpoint on loopback: REST (a JDK HTTP server), a file drop, SFTP (an
 * Apache MINA SSHD server checked by its host key) and JMS (a queue on the hub's broker). The connectors for them
 * are added while the hub runs, by a reload, which is proven on the way: a broken connector is refused and the
 * running set stays.
 */
class ProtocolsTest extends HubTestSupport {

    private static final String NS = ProtocolTestStandard.NAMESPACE;
    private static final String USER = "amtsbote";
    private static final String PASSWORD = "s3cret-for-tests"; // amtsbote.credentials.protocol-test in HubTestSupport
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HubClient portal = new HubClient(PORT, "protocol-portal-key");
    private final HubClient operator = HubClient.operator(PORT);
    private static final List<Request> restRequests = new CopyOnWriteArrayList<>();
    private static final Map<String, AtomicInteger> restFailuresLeft = new ConcurrentHashMap<>();
    private static HttpServer rest;
    private static SshServer sftp;
    private static Path sftpRoot;
    private static Path dropFolder;

    @Autowired
    ConnectionFactory connectionFactory;

    record Request(String method, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                    .map(h -> h.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** Once, before the first test: Camel runs from then on (not yet in a @BeforeAll of the shared context's first class). */
    @BeforeEach
    void startEndpointsAndAddConnectors() throws Exception {
        if (rest != null) {
            return;
        }
        rest = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        rest.createContext("/fachverfahren/faelle", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), Map.copyOf(exchange.getRequestHeaders()), body);
            restRequests.add(request);
            AtomicInteger failures = restFailuresLeft.get(String.valueOf(request.header("Idempotency-Key")));
            int status = failures != null && failures.getAndDecrement() > 0 ? 503 : 201;
            if (body.contains("abgelehnt")) {
                status = 400;
            }
            byte[] answer = "{\"aktenzeichen\":\"X-1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("amtsboteTrackingId", "00000000-0000-0000-0000-000000000000");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        rest.start();

        sftpRoot = Files.createDirectories(DATA_DIR.resolve("sftp-root"));
        Files.createDirectories(sftpRoot.resolve("eingang"));
        sftp = SshServer.setUpDefaultServer();
        sftp.setHost("127.0.0.1");
        sftp.setPort(0);
        SimpleGeneratorHostKeyProvider hostKey = new SimpleGeneratorHostKeyProvider(DATA_DIR.resolve("sftp-host-key"));
        hostKey.setAlgorithm("RSA");
        sftp.setKeyPairProvider(hostKey);
        sftp.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        sftp.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sftp.setFileSystemFactory(new VirtualFileSystemFactory(sftpRoot));
        sftp.start();
        PublicKey key = hostKey.loadKeys(null).iterator().next().getPublic();
        Path knownHosts = Files.writeString(DATA_DIR.resolve("known_hosts"),
                "[127.0.0.1]:" + sftp.getPort() + " " + PublicKeyEntry.toString(key) + "\n");

        dropFolder = DATA_DIR.resolve("dropbox/protokolltest");
        ProtocolTestStandard.install();
        connector("protocol-rest", "test.rest.0001", "to-json.xsl", """
                  protocol: rest
                  address: http://127.0.0.1:%d/fachverfahren/faelle
                  credentials: protocol-test
                  retry:
                    delay: 100ms
                    max-attempts: 5""".formatted(rest.getAddress().getPort()));
        connector("protocol-file", "test.datei.0002", null, """
                  protocol: file
                  address: %s""".formatted(dropFolder));
        connector("protocol-sftp", "test.sftp.0003", "to-json.xsl", """
                  protocol: sftp
                  address: sftp://127.0.0.1:%d/eingang
                  credentials: protocol-test
                  sftp:
                    known-hosts: %s""".formatted(sftp.getPort(), knownHosts));
        connector("protocol-jms", "test.jms.0004", null, """
                  protocol: jms
                  address: planung.test""");

        HubClient.Response reload = operator.post("/api/v1/connectors/reload");

        assertThat(reload.status()).as(reload.body()).isEqualTo(200);
        assertThat(reload.json().get("added")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("protocol-rest", "protocol-file", "protocol-sftp", "protocol-jms");
    }

    @AfterAll
    static void stopEndpoints() throws IOException {
        rest.stop(0);
        sftp.stop(true);
    }

    @Test
    void restGetsTheMappedJsonWithItsHeadersAndNothingElse() throws Exception {
        String messageId = UUID.randomUUID().toString();
        String trackingId = accepted(message("test.rest.0001", messageId, "Grüße aus Stuttgart"));

        JsonNode status = portal.awaitStatus(trackingId, "DELIVERED");

        Request request = restRequests.stream().filter(r -> messageId.equals(r.header("Idempotency-Key")))
                .findFirst().orElseThrow();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(request.header("X-Amtsbote-Tracking-Id")).isEqualTo(trackingId);
        assertThat(request.header("Authorization")).isEqualTo("Basic "
                + java.util.Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        assertThat(request.headers().keySet()).noneMatch(name -> name.toLowerCase().startsWith("amtsbote")
                || name.toLowerCase().startsWith("jms") || name.toLowerCase().startsWith("camel"));
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree(
                "{\"trackingId\":\"" + trackingId + "\",\"messageId\":\"" + messageId + "\",\"inhalt\":\"Grüße aus Stuttgart\"}"));
        assertThat(HubClient.lastDetail(status)).contains("HTTP 201");
        // the answer's header named another tracking id: it stayed an answer header and changed nothing
        assertThat(status.get("trackingId").asText()).isEqualTo(trackingId);
    }

    @Test
    void restUnavailableIsRetriedAndABadRequestIsADeadLetter() {
        String messageId = UUID.randomUUID().toString();
        restFailuresLeft.put(messageId, new AtomicInteger(2));
        String retried = accepted(message("test.rest.0001", messageId, "später"));
        String refused = accepted(message("test.rest.0001", UUID.randomUUID().toString(), "abgelehnt"));

        JsonNode delivered = portal.awaitStatus(retried, "DELIVERED");
        JsonNode deadLetter = portal.awaitStatus(refused, "DEAD_LETTER");

        assertThat(delivered.get("attempts").asInt()).isEqualTo(3);
        assertThat(restRequests.stream().filter(r -> messageId.equals(r.header("Idempotency-Key")))).hasSize(3);
        assertThat(deadLetter.get("attempts").asInt()).isEqualTo(1);
        assertThat(HubClient.lastDetail(deadLetter)).contains("permanent failure").contains("400");
    }

    @Test
    void aFileDropIsWrittenUnderATemporaryNameAndRenamed() throws Exception {
        String messageId = UUID.randomUUID().toString();
        String xml = message("test.datei.0002", messageId, "für die Ablage");
        String trackingId = accepted(xml);

        JsonNode status = portal.awaitStatus(trackingId, "DELIVERED");

        Path file = dropFolder.resolve(trackingId + ".xml");
        assertThat(file).exists();
        assertThat(Files.readString(file)).isEqualTo(xml);
        assertThat(HubClient.lastDetail(status)).contains("written as " + file);
        try (Stream<Path> files = Files.list(dropFolder)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.startsWith(".inprogress-"));
        }
    }

    @Test
    void sftpWritesToTheServerWhoseHostKeyIsKnown() throws Exception {
        String messageId = UUID.randomUUID().toString();
        String trackingId = accepted(message("test.sftp.0003", messageId, "über SFTP"));

        portal.awaitStatus(trackingId, "DELIVERED");

        Path file = sftpRoot.resolve("eingang").resolve(trackingId + ".json");
        assertThat(JSON.readTree(Files.readString(file)).get("inhalt").asText()).isEqualTo("über SFTP");
        try (Stream<Path> files = Files.list(sftpRoot.resolve("eingang"))) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.startsWith(".inprogress-"));
        }
    }

    @Test
    void jmsSendsToTheQueueInTheDeliveryTransaction() throws Exception {
        String messageId = UUID.randomUUID().toString();
        String xml = message("test.jms.0004", messageId, "an die Planung");
        String trackingId = accepted(xml);

        portal.awaitStatus(trackingId, "DELIVERED");

        JmsTemplate jms = new JmsTemplate(connectionFactory);
        jms.setReceiveTimeout(5_000);
        BytesMessage received = (BytesMessage) jms.receiveSelected("planung.test", "amtsboteMessageId = '" + messageId + "'");
        assertThat(received).isNotNull();
        byte[] body = new byte[(int) received.getBodyLength()];
        received.readBytes(body);
        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(xml);
        assertThat(received.getStringProperty("amtsboteTrackingId")).isEqualTo(trackingId);
    }

    @Test
    void aBrokenConnectorIsRefusedAndTheRunningOnesStay() throws Exception {
        Path file = connector("protocol-reload", "test.reload.0005", null, """
                  protocol: telefax
                  address: 0711-123456""");
        try {
            HubClient.Response reload = operator.post("/api/v1/connectors/reload");

            assertThat(reload.status()).isEqualTo(422);
            assertThat(reload.contentType()).startsWith("application/problem+json");
            assertThat(reload.json().get("type").asText()).isEqualTo("urn:amtsbote:problem:connector-invalid");
            assertThat(reload.json().get("detail").asText()).contains(file.toString()).contains("telefax");
            assertThat(portal.submit(message("test.reload.0005", UUID.randomUUID().toString(), "x")).status()).isEqualTo(422);
            portal.awaitStatus(accepted(message("test.datei.0002", UUID.randomUUID().toString(), "läuft")), "DELIVERED");
            assertThat(portal.post("/api/v1/connectors/reload").status()).isEqualTo(403);
        } finally {
            Files.delete(file);
        }
    }

    private String accepted(String xml) {
        return ProtocolTestStandard.accepted(portal, xml);
    }

    /** A connector of the test standard whose destination id is its own with "protocol-" replaced by "test-". */
    private static Path connector(String id, String root, String stylesheet, String destination) throws IOException {
        return ProtocolTestStandard.connector(id, root, stylesheet, id.replace("protocol-", "test-"), destination);
    }

    static {
        Awaitility.setDefaultTimeout(Duration.ofSeconds(30));
    }
}
