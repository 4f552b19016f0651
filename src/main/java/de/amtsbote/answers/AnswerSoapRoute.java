package de.amtsbote.answers;

import de.amtsbote.api.SoapProblems;
import de.amtsbote.intake.Intake;
import de.amtsbote.security.Clients;
import de.amtsbote.xoev.SecureXml;
import de.amtsbote.xoev.XmlProblem;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.cxf.common.CxfPayload;

import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapHeader;
import org.apache.cxf.interceptor.Fault;



import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The SOAP door for answers ({@code wsdl/antworten.wsdl}, operation {@code beantworten} under
 * {@code /services/antworten}): the XÖV answer inside {@code antwort/nachricht} goes through the same answer intake
 * as {@code POST /api/v1/answers}, and the specialist system gets the receipt as {@code antwortQuittung}, or a fault
 * naming the problem.
 */
@Component
class AnswerSoapRoute extends RouteBuilder {

    static final String PATH = "/antworten";
    private static final String NS = "urn:de:amtsbote:antworten:1";

    private final Clients clients;

    AnswerSoapRoute(Clients clients) {
        this.clients = clients;
    }

    @Override
    public void configure() {
        // synchronous: the route runs on the request's thread, where the security chain authenticated the sender
        from("cxf:" + PATH + "?wsdlURL=classpath:wsdl/antworten.wsdl&serviceName={" + NS + "}AntwortService"
                + "&portName={" + NS + "}AntwortPort&dataFormat=PAYLOAD&synchronous=true")
                .routeId("answer-soap")
                .description("SOAP beantworten: a specialist system's answer into the answer intake")
                // a refusal goes back to the specialist system as a SOAP fault; it is not an error of the hub
                .errorHandler(noErrorHandler())
                .doTry()
                    .process(this::unpack).id("answer-soap-unpack")
                    .to(AnswerIntakeRoute.ENDPOINT).id("answer-soap-intake")
                .doCatch(Exception.class)
                    .process(this::fault).id("answer-soap-fault")
                .end()
                .process(this::receipt).id("answer-soap-receipt");
    }

    private void unpack(Exchange exchange) throws TransformerException {
        @SuppressWarnings("unchecked")
        CxfPayload<SoapHeader> request = exchange.getMessage().getBody(CxfPayload.class);
        Element answer = firstElement(firstElement(request.getBody().get(0), "nachricht"), null);
        if (answer == null) {
            throw new SoapFault("beantworten needs one XÖV answer inside antwort/nachricht", Fault.FAULT_CODE_CLIENT);
        }
        exchange.setProperty(AnswerIntakeRoute.CLIENT, clients.ofSoapCaller(exchange));
        // as at the REST door, only the answer goes on: no header of the sender becomes a Camel header
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(bytes(answer));
    }

    private void receipt(Exchange exchange) {
        AnswerReceipt receipt = exchange.getMessage().getBody(AnswerReceipt.class);
        Document doc = SecureXml.documentBuilder().newDocument();
        Element quittung = doc.createElementNS(NS, "quittung:antwortQuittung");
        append(quittung, "answerId", receipt.answerId());
        append(quittung, "zugeordnet", Boolean.toString(receipt.matched()));
        if (receipt.trackingId() != null) {
            append(quittung, "trackingId", receipt.trackingId());
        }
        append(quittung, "status", receipt.status().name());
        doc.appendChild(quittung);
        exchange.getMessage().setBody(new CxfPayload<SoapHeader>(new ArrayList<>(), List.of(quittung)));
    }

    /** The answer's problem is the sender's (Client); a hub that cannot take it now is the Server's. */
    private void fault(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (failure instanceof SoapFault fault) {
            throw fault;
        }
        String type = Intake.problemType(failure);
        boolean senders = Intake.isRefusal(failure);
        List<XmlProblem> problems = SoapProblems.of(failure);
        SoapFault fault = new SoapFault(type + ": " + (senders ? failure.getMessage()
                : "The hub cannot take the answer now; send it again later") + SoapProblems.describe(problems),
                senders ? Fault.FAULT_CODE_CLIENT : Fault.FAULT_CODE_SERVER);
        SoapProblems.addTo(fault.getOrCreateDetail(), type, problems);
        if (senders) {
            log.info("Answer refused ({}): {}", type, failure.getMessage());
        } else {
            log.error("Answer not taken: {}", failure.getMessage());
        }
        throw fault;
    }


    /** The answer as bytes, parsed again by the answer intake with the hub's own parsers and limits. */
    private static byte[] bytes(Element answer) throws TransformerException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TransformerFactory.newDefaultInstance().newTransformer().transform(new DOMSource(answer), new StreamResult(out));
        return out.toByteArray();
    }

    private static Element firstElement(Element parent, String localName) {
        if (parent == null) {
            return null;
        }
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && (localName == null || localName.equals(element.getLocalName()))) {
                return element;
            }
        }
        return null;
    }

    private static void append(Element parent, String name, String text) {
        Element child = parent.getOwnerDocument().createElementNS(NS, "quittung:" + name);
        child.setTextContent(text);
        parent.appendChild(child);
    }
}
