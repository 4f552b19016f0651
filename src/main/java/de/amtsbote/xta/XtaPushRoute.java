package de.amtsbote.xta;

import de.amtsbote.answers.AnswerIntake;
import de.amtsbote.answers.AnswerReceipt;
import de.amtsbote.api.SoapProblems;
import de.amtsbote.attachments.AttachmentProperties;
import de.amtsbote.attachments.AttachmentStore;
import de.amtsbote.intake.Intake;
import de.amtsbote.intake.IntakeOutcomes;
import de.amtsbote.intake.IntakeProperties;
import de.amtsbote.intake.IntakeTally;
import de.amtsbote.intake.Receipt;
import de.amtsbote.security.Client;
import de.amtsbote.security.Clients;
import de.amtsbote.security.Role;
import de.amtsbote.xoev.XmlProblem;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.cxf.common.CxfPayload;

import org.apache.cxf.binding.soap.Soap12;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapHeader;


import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

import org.springframework.stereotype.Component;
import org.w3c.dom.Element;

/**
 * XTA 2's SendXtaPort for senders that push: {@code sendMessage} under {@code /services/xta/send}, behind the
 * hub's security chain like every door (API key, bearer token or client certificate; role portal or specialist
 * system). A portal's XÖV message goes through the same intake as the REST door, with the documents beside it; a
 * specialist system's is an answer and goes through the answer intake, as at {@code POST /api/v1/answers}. The
 * reply is a TransportReport, and a refusal is a SOAP fault whose reason and detail name the problem (schema
 * errors with line and column).
 */
@Component
@ConditionalOnProperty(name = "amtsbote.xta.push.enabled", havingValue = "true", matchIfMissing = true)
class XtaPushRoute extends RouteBuilder {

    static final String WSDL = "classpath:wsdl/xta/xta.wsdl";
    private static final String META = "xtaMetaDataElement";

    private final XtaProperties properties;
    private final Clients clients;

    private final IntakeProperties intake;
    private final AttachmentStore attachments;
    private final AttachmentProperties attachmentLimits;
    private final IntakeTally tally;

    XtaPushRoute(XtaProperties properties, Clients clients, IntakeProperties intake, AttachmentStore attachments,
                 AttachmentProperties attachmentLimits, IntakeTally tally) {
        this.properties = properties;
        this.clients = clients;
        this.intake = intake;
        this.attachments = attachments;
        this.attachmentLimits = attachmentLimits;
        this.tally = tally;
    }

    @Override
    public void configure() {
        // synchronous: the route runs on the request's thread, where the security chain authenticated the sender
        from("cxf:" + properties.push().path() + "?wsdlURL=" + WSDL + "&serviceName=" + XtaMessages.SERVICE
                + "&portName={" + XtaMessages.XTA + "}SendXtaPort&dataFormat=PAYLOAD&synchronous=true&mtomEnabled=true"
                + "&cxfConfigurer=#" + XtaConfiguration.ADDRESSING)
                .routeId("xta-push")
                .description("XTA sendMessage: a pushed XÖV message into the intake, answered with a transport report")
                // a refusal goes back to the sender as a SOAP fault; it is not an error of the hub
                .errorHandler(noErrorHandler())
                .doTry()
                    .process(this::unpack).id("xta-push-unpack-message")
                    .choice()
                        // a specialist system's message is an answer to a submission
                        .when(XtaPushRoute::isAnswer)
                            .to(AnswerIntake.ENDPOINT).id("xta-push-answer-intake")
                        .otherwise()
                            .to(Intake.ENDPOINT).id("xta-push-intake")
                    .endDoTry()
                .doCatch(Exception.class)
                    .process(this::fault).id("xta-push-refusal-fault")
                .doFinally()
                    .process(XtaAttachments::close).id("xta-push-close-documents")
                .end()
                .process(this::transportReport).id("xta-push-transport-report");
    }

    private void unpack(Exchange exchange) throws IOException {
        @SuppressWarnings("unchecked")
        CxfPayload<SoapHeader> request = exchange.getMessage().getBody(CxfPayload.class);
        Element metaData = XtaMessages.firstElement(request.getHeaders() == null ? List.of() : request.getHeaders(),
                XtaMessages.META, "MessageMetaData").orElseThrow(() -> new XtaContentException(
                "sendMessage needs the MessageMetaData SOAP header"));
        XtaMetaData meta = XtaMessages.metaData(metaData);
        exchange.setProperty(META, metaData);
        Client client = clients.ofSoapCaller(exchange);
        exchange.setProperty(Intake.CLIENT, client);
        exchange.setProperty(AnswerIntake.CLIENT, client);
        exchange.setProperty(Intake.TRANSPORT_DETAILS, meta.details("pushed by sendMessage"));
        Element container = request.getBody().get(0);
        byte[] message = XtaMessages.message(container, MtomParts.of(exchange, intake.maxBodySize().toBytes()));
        // documents beside a submission or an answer: both intakes read them from the same property
        XtaAttachments.receive(container, exchange, attachments, attachmentLimits);
        // as at the REST door, only the message goes on: no HTTP or SOAP header of the sender becomes a Camel header
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(message);
    }

    /** A specialist system (that is no portal too) pushes answers; everyone else submissions. */
    private static boolean isAnswer(Exchange exchange) {
        Client client = exchange.getProperty(Intake.CLIENT, Client.class);
        return client.is(Role.SPECIALIST_SYSTEM) && !client.is(Role.PORTAL);
    }

    private void transportReport(Exchange exchange) {
        boolean resend;
        String reason;
        if (exchange.getMessage().getBody() instanceof AnswerReceipt answer) {
            resend = answer.resend();
            reason = (resend ? "Answer already taken earlier" : "Answer taken") + " by Amtsbote: answer id "
                    + answer.answerId() + ", message " + answer.messageId() + ", " + (answer.matched()
                    ? "answering tracking id " + answer.trackingId() : "matching no submission (kept for operators)")
                    + ", status " + answer.status();
        } else {
            Receipt receipt = exchange.getMessage().getBody(Receipt.class);
            tally.accepted(IntakeOutcomes.Door.XTA_PUSH, receipt);
            resend = receipt.resend();
            reason = (resend ? "Already accepted earlier" : "Accepted") + " by Amtsbote for connector "
                    + receipt.connector() + ": tracking id " + receipt.trackingId() + ", message " + receipt.messageId()
                    + ", status " + receipt.status();
        }
        Element report = XtaMessages.transportReport(exchange.getProperty(META, Element.class), "Amtsbote",
                resend ? "resent" : "accepted", reason);
        exchange.getMessage().setBody(new CxfPayload<SoapHeader>(new ArrayList<>(), List.of(report)));
    }

    /**
     * XTA's exceptions with their error numbers (code list urn:de:xta:webservice:codeliste:fehlernummer): a message
     * the hub refuses is the sender's fault (SOAP 1.2 Sender), a hub that cannot take it now is the Receiver's.
     */
    private void fault(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String type = XtaContentException.problemType(failure);
        boolean senders = XtaContentException.isRefusal(failure);
        String[] exception = switch (type) {
            case "xml-not-well-formed", "schema-invalid", "rules-violated", "unknown-code" ->
                    new String[] {"MessageSchemaViolationException", "9050", "Fachnachricht ist nicht schemakonform"};
            case "forbidden" -> new String[] {"PermissionDeniedException", "9013", "Dienst ist nicht gebucht."};
            case "payload-too-large" ->
                    new String[] {"ParameterIsNotValidException", "9023", "Die Nachricht überschreitet die Größenbeschränkung."};
            case "conflicting-resend" -> new String[] {"ParameterIsNotValidException", "9024", "MessageID ist bereits vergeben."};
            case "xta-content", "no-connector", "attachment-mismatch" ->
                    new String[] {"ParameterIsNotValidException", "9000", "Unspezifizierter Fehler, als Freitext beschrieben"};
            default -> new String[] {"XTAWSTechnicalProblemException", "9030",
                    "Interner Fehler beim XTA-Server bzw. XTA-Dienstleister"};
        };
        if (exchange.getProperty(Intake.CLIENT) == null || !isAnswer(exchange)) {
            tally.refused(IntakeOutcomes.Door.XTA_PUSH, exchange, type);
        }
        List<XmlProblem> problems = SoapProblems.of(failure);
        String reason = type + ": " + (senders ? failure.getMessage() : "The hub cannot take the message now; send it again later")
                + SoapProblems.describe(problems);
        SoapFault fault = new SoapFault(reason, senders ? Soap12.getInstance().getSender() : Soap12.getInstance().getReceiver());
        Element detail = fault.getOrCreateDetail();
        detail.appendChild(detail.getOwnerDocument().importNode(XtaMessages.exception(exception[0], exception[1], exception[2]), true));
        if (!problems.isEmpty()) {
            SoapProblems.addTo(detail, type, problems);
        }
        if (senders) {
            log.info("sendMessage refused ({}): {}", type, failure.getMessage());
        } else {
            log.error("sendMessage failed: {}", failure.getMessage());
        }
        throw fault;
    }
}
