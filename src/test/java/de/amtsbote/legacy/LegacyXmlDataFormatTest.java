package de.amtsbote.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.thoughtworks.xstream.io.StreamException;
import com.thoughtworks.xstream.security.ForbiddenClassException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The legacy XML format builds its own legacy-format classes and nothing else: the published XStream gadget chains
 * (payloads, and what each would do, in {@code src/test/resources/xstream-gadgets/}) are refused at their first type,
 * before any object of theirs exists. Each payload would run {@code touch} on a marker file or open a JNDI/LDAP
 * connection to a local socket if it got through; neither may happen. That second check is a safety net, not the
 * proof: on Java 17 most of these chains would break further in anyway (classes removed or not open to reflection),
 * so the refusal of the first type is what counts. The format runs inside a Camel route, as connectors will use it.
 */
class LegacyXmlDataFormatTest {

    private static final Path GADGETS = Path.of("src/test/resources/xstream-gadgets");
    private static final LegacyReceipt RECEIPT =
            new LegacyReceipt("BA-2026-000123", Instant.parse("2026-11-25T09:15:30Z"), "RECEIVED");

    private static CamelContext camel;
    private static ProducerTemplate template;
    /** Stands in for the LDAP server of the JNDI chains, and for the host of an external entity. */
    private static ServerSocket attackerServer;

    @TempDir
    Path tempDir;

    @BeforeAll
    static void startRoutes() throws Exception {
        LegacyXmlDataFormat format = new LegacyXmlDataFormat(LegacyReceipt.class);
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler()); // the refusals go back to the test, not into the log
                from("direct:write").routeId("write-legacy-xml").marshal(format).convertBodyTo(String.class);
                from("direct:read").routeId("read-legacy-xml").unmarshal(format);
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
        attackerServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterAll
    static void stopRoutes() throws Exception {
        camel.close();
        attackerServer.close();
    }

    @AfterEach
    void nobodyConnected() throws IOException {
        // a connection the payload opened is queued on the socket already: unmarshalling is synchronous
        attackerServer.setSoTimeout(100);
        try (Socket connection = attackerServer.accept()) {
            throw new AssertionError("the payload connected to the attacker's server from " + connection.getRemoteSocketAddress());
        } catch (SocketTimeoutException nobody) {
            // as it should be
        }
    }

    @Test
    void writesAndReadsBackTheAllowlistedType() {
        String xml = template.requestBody("direct:write", RECEIPT, String.class);

        assertThat(xml).contains("<receipt>", "<caseNumber>BA-2026-000123</caseNumber>",
                "<received>2026-11-25T09:15:30Z</received>", "<status>RECEIVED</status>");
        assertThat(template.requestBody("direct:read", xml)).isEqualTo(RECEIPT);
    }

    @Test
    void readsTheReceiptAsTheLegacySystemWritesIt() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <receipt>
                  <caseNumber>BA-2026-000123</caseNumber>
                  <received>2026-11-25T09:15:30Z</received>
                  <status>RECEIVED</status>
                </receipt>
                """;

        assertThat(template.requestBody("direct:read", xml)).isEqualTo(RECEIPT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "cve-2013-7285-sorted-set-event-handler.xml, java.util.SortedSet",
            "cve-2013-7285-dynamic-proxy-as-receipt.xml, com.thoughtworks.xstream.mapper.DynamicProxyMapper$DynamicProxy",
            "cve-2020-26217-map-nashorn-imageio.xml, java.util.Map",
            "cve-2021-21344-priority-queue-jdbc-rowset.xml, java.util.PriorityQueue",
            "cve-2021-21345-priority-queue-server-table-entry.xml, java.util.PriorityQueue",
            "cve-2021-21351-sorted-set-rdn-entry.xml, java.util.SortedSet",
            "cve-2021-39144-priority-queue-null-provider.xml, java.util.PriorityQueue",
            "gadget-inside-receipt.xml, java.util.SortedSet"})
    void refusesAGadgetChainAtItsFirstTypeWithoutSideEffects(String payload, String firstType) throws IOException {
        Path marker = tempDir.resolve("gadget-ran");
        String xml = Files.readString(GADGETS.resolve(payload), StandardCharsets.UTF_8)
                .replace("${marker}", marker.toString())
                .replace("${ldap}", "ldap://127.0.0.1:" + attackerServer.getLocalPort() + "/amtsbote");

        assertThatThrownBy(() -> template.requestBody("direct:read", xml))
                .isInstanceOf(CamelExecutionException.class)
                .satisfies(thrown -> assertThat(rootOfType(thrown, ForbiddenClassException.class))
                        .as("the security framework's refusal").isNotNull()
                        .extracting(Throwable::getMessage).isEqualTo(firstType));
        assertThat(marker).as("file the payload would have touched").doesNotExist();
    }

    @Test
    void refusesADoctypeAndFetchesNoExternalEntity() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE receipt [<!ENTITY case SYSTEM "http://127.0.0.1:%d/case">]>
                <receipt>
                  <caseNumber>&case;</caseNumber>
                  <received>2026-11-25T09:15:30Z</received>
                  <status>RECEIVED</status>
                </receipt>
                """.formatted(attackerServer.getLocalPort());

        assertThatThrownBy(() -> template.requestBody("direct:read", xml))
                .isInstanceOf(CamelExecutionException.class)
                .hasCauseInstanceOf(StreamException.class)
                .rootCause().hasMessageContaining("DOCTYPE declarations are not allowed");
    }

    private static Throwable rootOfType(Throwable thrown, Class<? extends Throwable> type) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return cause;
            }
        }
        return null;
    }
}
