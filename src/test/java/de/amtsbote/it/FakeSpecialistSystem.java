package de.amtsbote.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import de.amtsbote.HubTestSupport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A specialist system on the hub's SOAP delivery contract ({@code wsdl/fachverfahren.wsdl}), outside the hub and
 * without Camel, so tests see exactly what crossed the wire: every call in arrival order, and the cases it
 * registered. Like a real one it deduplicates on nachrichtenUUID: a message that arrives again is answered with
 * the reference of its case and opens no second one. It can fail on purpose (SOAP faults), take its time to answer,
 * and be stopped and started on the same port (connection refused in between).
 */
public final class FakeSpecialistSystem implements AutoCloseable {

    private static final String PATH = "/fachverfahren";
    private static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String CONTRACT_NS = "urn:de:amtsbote:fachverfahren:1";
    private static final String SOAP_ACTION = "urn:de:amtsbote:fachverfahren:1:einreichen";

    static {
        // The JDK server writes headers and body separately: with Nagle's algorithm each answer waits ~40 ms for
        // the caller's delayed ACK, which caps a connection near 25 calls/s. Read once, when the server is first used.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final DocumentBuilderFactory PARSERS = secureParserFactory();
    private static final ThreadLocal<DocumentBuilder> PARSER = ThreadLocal.withInitial(FakeSpecialistSystem::newParser);

    /** How the fake answers a call. */
    public enum Answer {
        /** quittung with ergebnis angenommen and the case's aktenzeichen */
        ACCEPTED,
        /** SOAP fault with faultcode Client: the message is wrong, sending it again will not help */
        CLIENT_FAULT,
        /** SOAP fault with faultcode Server: a failure on this side that may go away */
        SERVER_FAULT
    }

    /**
     * One call as it arrived; the fields are null if the request was not a valid uebermittlung.
     *
     * @param traceparent the W3C trace context header of the call, if it had one
     */
    public record Call(String nachrichtenUUID, String nachrichtentyp, String trackingId, String traceparent, Instant at,
                       Answer answer) {
    }

    private final Object lock = new Object();
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Integer> callsPerMessage = new HashMap<>();
    private final Map<String, String> cases = new LinkedHashMap<>();
    private final List<String> violations = new ArrayList<>();
    private Answer failure;
    private int failuresLeft;
    private Instant failingUntil = Instant.MIN;
    private volatile long minLatencyNanos;
    private volatile long maxLatencyNanos;

    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-specialist-system");
        thread.setDaemon(true);
        return thread;
    });
    private final int port;
    private HttpServer server;

    private FakeSpecialistSystem(int port) {
        this.port = port;
    }

    /** A fake on a free loopback port, not listening yet. */
    public static FakeSpecialistSystem create() {
        return new FakeSpecialistSystem(HubTestSupport.freePort());
    }

    /** Listens (again, after {@link #stop()}) on its port; what it recorded is kept. */
    public synchronized FakeSpecialistSystem start() {
        if (server == null) {
            try {
                HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                http.createContext(PATH, this::handle);
                http.setExecutor(workers);
                http.start();
                server = http;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on port " + port, e);
            }
        }
        return this;
    }

    /** Closes the port and every connection at once: callers get connection refused until {@link #start()}. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** The endpoint address to configure as the hub's destination address. */
    public String address() {
        return "http://127.0.0.1:" + port + PATH;
    }

    /** Answers the next {@code calls} calls with the given fault. */
    public void failNext(int calls, Answer fault) {
        synchronized (lock) {
            failure = fault;
            failuresLeft = calls;
            failingUntil = Instant.MIN;
        }
    }

    /** Answers every call with the given fault for the given time from now. */
    public void failFor(Duration duration, Answer fault) {
        synchronized (lock) {
            failure = fault;
            failuresLeft = 0;
            failingUntil = Instant.now().plus(duration);
        }
    }

    /**
     * Answers each call after a random pause between {@code min} and {@code max}, as a system that does some work.
     * The call is recorded, and its case opened, when it arrives: a caller that dies during the pause has delivered
     * the message without learning so, the window in which a crash makes a hub send a message again.
     */
    public FakeSpecialistSystem latency(Duration min, Duration max) {
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("latency between " + min + " and " + max);
        }
        minLatencyNanos = min.toNanos();
        maxLatencyNanos = max.toNanos();
        return this;
    }

    /** Accepts every call again. */
    public void recover() {
        failNext(0, null);
    }

    /** Every call so far, in arrival order (faulted ones included). */
    public List<Call> calls() {
        synchronized (lock) {
            return List.copyOf(calls);
        }
    }

    public int totalCalls() {
        synchronized (lock) {
            return calls.size();
        }
    }

    /** How often a message arrived, whatever the answer: 1 is right, 0 lost, more than 1 sent again. */
    public int callsFor(String nachrichtenUUID) {
        synchronized (lock) {
            return callsPerMessage.getOrDefault(nachrichtenUUID, 0);
        }
    }

    /** The cases registered: nachrichtenUUID to aktenzeichen, in the order they were opened. */
    public Map<String, String> cases() {
        synchronized (lock) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(cases));
        }
    }

    /** Requests that broke the contract (method, content type, SOAPAction, envelope, uebermittlung); expect none. */
    public List<String> violations() {
        synchronized (lock) {
            return List.copyOf(violations);
        }
    }

    @Override
    public void close() {
        stop();
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] request;
            try (InputStream body = exchange.getRequestBody()) {
                request = body.readAllBytes();
            }
            Reply reply = reply(exchange, request);
            pause();
            byte[] bytes = reply.xml().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=UTF-8");
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private record Reply(int status, String xml) {
    }

    private void pause() {
        long min = minLatencyNanos;
        long max = maxLatencyNanos;
        if (max > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(min == max ? min : ThreadLocalRandom.current().nextLong(min, max + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Reply reply(HttpExchange exchange, byte[] request) {
        Element uebermittlung;
        try {
            checkHttp(exchange);
            uebermittlung = uebermittlung(request);
        } catch (Exception e) {
            String problem = e.getMessage() == null ? e.toString() : e.getMessage();
            synchronized (lock) {
                violations.add(problem);
                calls.add(new Call(null, null, null, traceparent(exchange), Instant.now(), Answer.CLIENT_FAULT));
            }
            return fault("Client", problem);
        }
        return answer(text(uebermittlung, "nachrichtenUUID"), text(uebermittlung, "nachrichtentyp"),
                text(uebermittlung, "trackingId"), traceparent(exchange));
    }

    private static String traceparent(HttpExchange exchange) {
        return exchange.getRequestHeaders().getFirst("traceparent");
    }

    /** Records the call and decides the answer in one step, so the recorded order is the order of the answers. */
    private Reply answer(String messageId, String messageType, String trackingId, String traceparent) {
        synchronized (lock) {
            Answer answer = nextAnswer();
            calls.add(new Call(messageId, messageType, trackingId, traceparent, Instant.now(), answer));
            callsPerMessage.merge(messageId, 1, Integer::sum);
            return switch (answer) {
                case ACCEPTED -> {
                    String reference = cases.computeIfAbsent(messageId, id -> String.format("FV-%06d", cases.size() + 1));
                    yield new Reply(200, "<soap:Envelope xmlns:soap=\"" + SOAP_NS + "\"><soap:Body><quittung xmlns=\""
                            + CONTRACT_NS + "\"><ergebnis>angenommen</ergebnis><aktenzeichen>" + reference
                            + "</aktenzeichen></quittung></soap:Body></soap:Envelope>");
                }
                case CLIENT_FAULT -> fault("Client", "uebermittlung refused (injected by the test)");
                case SERVER_FAULT -> fault("Server", "specialist system failure (injected by the test)");
            };
        }
    }

    private Answer nextAnswer() {
        if (failure != null && failuresLeft > 0) {
            failuresLeft--;
            return failure;
        }
        if (failure != null && Instant.now().isBefore(failingUntil)) {
            return failure;
        }
        return Answer.ACCEPTED;
    }

    private static void checkHttp(HttpExchange exchange) {
        if (!"POST".equals(exchange.getRequestMethod())) {
            throw new IllegalArgumentException("method " + exchange.getRequestMethod() + " instead of POST");
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.startsWith("text/xml")) {
            throw new IllegalArgumentException("content type " + contentType + " instead of SOAP 1.1's text/xml");
        }
        String action = exchange.getRequestHeaders().getFirst("SOAPAction");
        if (!("\"" + SOAP_ACTION + "\"").equals(action) && !SOAP_ACTION.equals(action)) {
            throw new IllegalArgumentException("SOAPAction " + action + " instead of " + SOAP_ACTION);
        }
    }

    /** The body's uebermittlung, checked against the contract's required elements. */
    private static Element uebermittlung(byte[] request) throws Exception {
        Element envelope = PARSER.get().parse(new ByteArrayInputStream(request)).getDocumentElement();
        require(envelope, SOAP_NS, "Envelope");
        Element body = child(envelope, SOAP_NS, "Body");
        require(body, SOAP_NS, "Body");
        Element uebermittlung = firstElement(body.getFirstChild());
        require(uebermittlung, CONTRACT_NS, "uebermittlung");
        for (String field : List.of("trackingId", "nachrichtenUUID", "nachrichtentyp")) {
            if (text(uebermittlung, field) == null || text(uebermittlung, field).isBlank()) {
                throw new IllegalArgumentException("no " + field);
            }
        }
        Element nachricht = child(uebermittlung, CONTRACT_NS, "nachricht");
        Element message = nachricht == null ? null : firstElement(nachricht.getFirstChild());
        if (message == null || CONTRACT_NS.equals(message.getNamespaceURI())) {
            throw new IllegalArgumentException("nachricht does not contain a message of another namespace");
        }
        return uebermittlung;
    }

    private static void require(Element element, String namespace, String localName) {
        if (element == null || !namespace.equals(element.getNamespaceURI()) || !localName.equals(element.getLocalName())) {
            throw new IllegalArgumentException("expected {" + namespace + "}" + localName + ", got "
                    + (element == null ? "nothing" : "{" + element.getNamespaceURI() + "}" + element.getLocalName()));
        }
    }

    private static String text(Element parent, String localName) {
        Element child = child(parent, CONTRACT_NS, localName);
        return child == null ? null : child.getTextContent();
    }

    private static Element child(Element parent, String namespace, String localName) {
        for (Element child = firstElement(parent.getFirstChild()); child != null; child = firstElement(child.getNextSibling())) {
            if (namespace.equals(child.getNamespaceURI()) && localName.equals(child.getLocalName())) {
                return child;
            }
        }
        return null;
    }

    private static Element firstElement(Node node) {
        while (node != null && node.getNodeType() != Node.ELEMENT_NODE) {
            node = node.getNextSibling();
        }
        return (Element) node;
    }

    /** SOAP 1.1 sends faults with HTTP 500. */
    private static Reply fault(String code, String reason) {
        return new Reply(500, "<soap:Envelope xmlns:soap=\"" + SOAP_NS + "\"><soap:Body><soap:Fault><faultcode>soap:" + code
                + "</faultcode><faultstring>" + reason.replace("&", "&amp;").replace("<", "&lt;")
                + "</faultstring></soap:Fault></soap:Body></soap:Envelope>");
    }

    /** Namespace-aware, no DOCTYPE at all (so no entities, external or internal), no external access. */
    private static DocumentBuilderFactory secureParserFactory() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            return factory;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DocumentBuilder newParser() {
        try {
            DocumentBuilder parser = PARSERS.newDocumentBuilder();
            parser.setErrorHandler(new DefaultHandler() {
                @Override
                public void fatalError(SAXParseException e) throws SAXParseException {
                    throw e; // goes back to the caller as a fault, not to stderr
                }
            });
            return parser;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
