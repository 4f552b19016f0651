package de.amtsbote.xta;

import de.amtsbote.attachments.AttachmentProperties;
import de.amtsbote.attachments.AttachmentStore;
import de.amtsbote.intake.Intake;
import de.amtsbote.intake.IntakeOutcomes;
import de.amtsbote.intake.IntakeProperties;
import de.amtsbote.intake.IntakeTally;
import de.amtsbote.intake.Receipt;
import de.amtsbote.security.Client;
import de.amtsbote.security.Clients;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.apache.cxf.binding.soap.SoapHeader;
import org.apache.cxf.headers.Header;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;

/**
 * The hub as XTA 2 client of the city's XTA server, one route per enabled account: it polls the message box
 * (getStatusList), fetches each listed message (getMessage), hands its XÖV content to the same intake as the REST
 * door, and closes it only once the intake answered with a receipt (queued, or a resend of a message it already
 * has). A crash or failure before the close leaves the message in the box: the next poll fetches it again and the
 * intake recognises the resend, so it is neither lost nor delivered twice. A message the intake refuses is closed
 * too (fetching it forever would not help) and kept in {@link XtaRefusals}.
 */
@Component
class XtaReaderRoutes extends RouteBuilder {

    private static final String ACCOUNT = "xtaAccount";
    private static final String LISTED = "xtaListed";
    private static final String META = "xtaMetaData";
    private static final String CONTENT = "xtaContent";

    private final XtaProperties properties;
    private final Clients clients;
    private final XtaRefusals refusals;
    private final XtaOrigins origins;

    private final IntakeProperties intake;
    private final AttachmentStore attachments;
    private final AttachmentProperties attachmentLimits;
    private final IntakeTally tally;

    XtaReaderRoutes(XtaProperties properties, Clients clients, XtaRefusals refusals, XtaOrigins origins,
                    IntakeProperties intake, AttachmentStore attachments, AttachmentProperties attachmentLimits,
                    IntakeTally tally) {
        this.intake = intake;
        this.attachments = attachments;
        this.attachmentLimits = attachmentLimits;
        this.tally = tally;
        this.properties = properties;
        this.clients = clients;
        this.refusals = refusals;
        this.origins = origins;
    }

    @Override
    public void configure() {
        // A failed call leaves the message in the box, unclosed: the next poll is the retry, and nothing is lost.
        onException(Exception.class).handled(true)
                .log(LoggingLevel.WARN, "XTA account ${exchangeProperty." + ACCOUNT + "}: ${exception.message};"
                        + " message ${exchangeProperty." + LISTED + "} stays in the box for the next poll");

        for (Map.Entry<String, XtaProperties.Account> entry : properties.accounts().entrySet()) {
            if (entry.getValue().enabled()) {
                reader(entry.getKey(), entry.getValue());
            }
        }
    }

    private void reader(String id, XtaProperties.Account account) {
        if (account.msgBoxAddress() == null || account.msgBoxAddress().isBlank()) {
            throw new IllegalStateException("amtsbote.xta.accounts." + id + ".msg-box-address must be set");
        }
        Client client = clients.byId(account.client()).orElseThrow(() -> new IllegalStateException(
                "amtsbote.xta.accounts." + id + ".client names no configured client: " + account.client()));
        Element author = XtaMessages.author(account.readerIdentifier(), account.readerType());
        // synchronous: one poll at a time, on the timer's thread (CXF's async client would let polls overlap)
        String msgBox = XtaConfiguration.client(account.msgBoxAddress(), "MsgBoxPort", "");

        from("timer:xta-" + id + "?period=" + account.pollInterval().toMillis())
                .routeId("xta-reader-" + id).autoStartup(account.autoStart())
                .description("Fetch the messages of XTA account " + id + " into the intake, close them once accepted")
                .setProperty(ACCOUNT, constant(id))
                .process(exchange -> request(exchange, author, XtaMessages.statusListRequest(account.maxListItems())))
                .id(node(id, "status-list-request"))
                .to(msgBox + "getStatusList").id(node(id, "get-status-list"))
                .process(this::listed).id(node(id, "listed-messages"))
                .split(body())
                    .setProperty(META, body())
                    .setProperty(LISTED, simple("${body.messageId}"))
                    .process(exchange -> request(exchange, author,
                            XtaMessages.fetchRequest(exchange.getProperty(LISTED, String.class)))).id(node(id, "fetch-request"))
                    .to(msgBox + "getMessage").id(node(id, "get-message"))
                    .doTry()
                        .process(exchange -> unpack(exchange, client)).id(node(id, "unpack-message"))
                        .to(Intake.ENDPOINT).id(node(id, "intake"))
                        .process(this::accepted).id(node(id, "accepted"))
                    .doCatch(Exception.class)
                        .process(this::refused).id(node(id, "refused"))
                    .doFinally()
                        .process(XtaAttachments::close).id(node(id, "close-documents"))
                    .end()
                    .process(exchange -> request(exchange, author,
                            XtaMessages.closeRequest(exchange.getProperty(LISTED, String.class)))).id(node(id, "close-request"))
                    .to(msgBox + "close").id(node(id, "close"))
                .end();
    }

    /** Node ids are unique in the Camel context: each account's route has its own. */
    private static String node(String account, String step) {
        return "xta-" + account + "-" + step;
    }

    private static void request(Exchange exchange, Element author, Element request) {
        List<SoapHeader> headers = new ArrayList<>();
        headers.add(new SoapHeader(XtaMessages.AUTHOR, author));
        exchange.getMessage().setBody(new CxfPayload<>(headers, List.of(request)));
    }

    /** The listed messages' metadata, oldest first as the XTA server lists them. */
    private void listed(Exchange exchange) {
        Element statusList = body(exchange).getBody().get(0);
        List<XtaMetaData> listed = XtaMessages.listed(statusList).stream().map(XtaMessages::metaData).toList();
        if (!listed.isEmpty()) {
            log.debug("XTA account {}: {} messages listed", exchange.getProperty(ACCOUNT), listed.size());
        }
        exchange.getMessage().setBody(listed);
    }

    /**
     * The message's own MessageMetaData header wins over the list's copy. The intake gets the XÖV bytes, the
     * account's client, and the transport metadata for the history.
     */
    private void unpack(Exchange exchange, Client client) throws IOException {
        CxfPayload<SoapHeader> answer = body(exchange);
        XtaMetaData meta = metaDataHeader(answer, exchange).map(XtaMessages::metaData)
                .orElse(exchange.getProperty(META, XtaMetaData.class));
        exchange.setProperty(META, meta);
        Element container = answer.getBody().get(0);
        byte[] content = XtaMessages.message(container, MtomParts.of(exchange, intake.maxBodySize().toBytes()));
        exchange.setProperty(CONTENT, content);
        XtaAttachments.receive(container, exchange, attachments, attachmentLimits);
        exchange.setProperty(Intake.CLIENT, client);
        exchange.setProperty(Intake.TRANSPORT_DETAILS,
                meta.details("fetched from XTA account " + exchange.getProperty(ACCOUNT)));
        // only the message goes on: no header of the XTA server's answer becomes a Camel header
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(content);
    }

    /** Accepted: its author is who the answers go back to. */
    private void accepted(Exchange exchange) {
        Receipt receipt = exchange.getMessage().getBody(Receipt.class);
        tally.accepted(IntakeOutcomes.Door.XTA_READER, receipt);
        origins.record(receipt.trackingId(), exchange.getProperty(ACCOUNT, String.class),
                exchange.getProperty(META, XtaMetaData.class));
        log.info("XTA account {}: message {} {} as {} ({}); closing it", exchange.getProperty(ACCOUNT),
                exchange.getProperty(LISTED), receipt.resend() ? "was already accepted" : "accepted",
                receipt.trackingId(), receipt.status());
    }

    /** A refusal is closed and recorded; anything else is the hub's trouble and leaves the message in the box. */
    private void refused(Exchange exchange) throws Exception {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String problemType = XtaContentException.problemType(failure);
        tally.refused(IntakeOutcomes.Door.XTA_READER, exchange, problemType);
        if (!XtaContentException.isRefusal(failure)) {
            throw failure;
        }
        String account = exchange.getProperty(ACCOUNT, String.class);
        String messageId = exchange.getProperty(LISTED, String.class);
        XtaMetaData meta = exchange.getProperty(META, XtaMetaData.class);
        byte[] content = exchange.getProperty(CONTENT, byte[].class);
        refusals.refused(account, messageId, problemType, String.valueOf(failure.getMessage()),
                String.join("; ", meta.details("fetched from XTA account " + account)),
                content == null ? new byte[0] : content);
        log.warn("XTA account {}: message {} refused ({}: {}); closing it, kept for operators under"
                + " /api/v1/xta/refusals", account, messageId, problemType, failure.getMessage());
    }

    @SuppressWarnings("unchecked")
    private static CxfPayload<SoapHeader> body(Exchange exchange) {
        return exchange.getMessage().getBody(CxfPayload.class);
    }

    /** CXF hands response headers over in the payload or, depending on the binding, as the header list. */
    private static Optional<Element> metaDataHeader(CxfPayload<SoapHeader> answer, Exchange exchange) {
        Optional<Element> inPayload = answer.getHeaders() == null ? Optional.empty()
                : XtaMessages.firstElement(answer.getHeaders(), XtaMessages.META, "MessageMetaData");
        if (inPayload.isPresent()) {
            return inPayload;
        }
        List<?> list = exchange.getMessage().getHeader(Header.HEADER_LIST, List.class);
        return list == null ? Optional.empty()
                : XtaMessages.firstElement(list, XtaMessages.META, "MessageMetaData");
    }
}
