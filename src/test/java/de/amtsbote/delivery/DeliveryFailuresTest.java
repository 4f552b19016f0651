package de.amtsbote.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.util.Map;
import javax.xml.namespace.QName;
import javax.xml.transform.TransformerException;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.Soap11;
import org.apache.cxf.binding.soap.Soap12;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.transport.http.HTTPException;
import org.junit.jupiter.api.Test;

class DeliveryFailuresTest {

    @Test
    void specialistSystemNotReachableIsWorthAnotherAttempt() {
        // CXF reports a refused connection as a SOAP fault with a client code around the IOException
        SoapFault refused = new SoapFault("Could not send Message.", new ConnectException("Connection refused"),
                Soap11.getInstance().getSender());

        assertThat(DeliveryFailures.isPermanent(new RuntimeCamelException(refused))).isFalse();
        assertThat(DeliveryFailures.isPermanent(new Fault(new SocketTimeoutException("Read timed out")))).isFalse();
    }

    @Test
    void soapServerFaultIsWorthAnotherAttempt() {
        assertThat(DeliveryFailures.isPermanent(new SoapFault("database down", Soap11.getInstance().getReceiver()))).isFalse();
        assertThat(DeliveryFailures.isPermanent(new SoapFault("busy", Soap12.getInstance().getReceiver()))).isFalse();
    }

    @Test
    void soapClientFaultIsPermanent() {
        assertThat(DeliveryFailures.isPermanent(new SoapFault("invalid case", Soap11.getInstance().getSender()))).isTrue();
        assertThat(DeliveryFailures.isPermanent(new SoapFault("invalid case", Soap12.getInstance().getSender()))).isTrue();
    }

    @Test
    void httpClientErrorIsPermanentExceptComeBackLater() throws Exception {
        URL url = new URL("http://127.0.0.1/services/bauaufsicht");
        assertThat(DeliveryFailures.isPermanent(new Fault(new HTTPException(404, "Not Found", url)))).isTrue();
        assertThat(DeliveryFailures.isPermanent(new Fault(new HTTPException(429, "Too Many Requests", url)))).isFalse();
        assertThat(DeliveryFailures.isPermanent(new Fault(new HTTPException(503, "Service Unavailable", url)))).isFalse();
    }

    @Test
    void anAnswerThatCannotBeReadIsWorthAnotherAttempt() {
        SoapFault unreadable = new SoapFault("Error reading XMLStreamReader: Unexpected EOF in prolog",
                new javax.xml.stream.XMLStreamException("Unexpected EOF in prolog"), Soap11.getInstance().getSender());

        assertThat(DeliveryFailures.isPermanent(unreadable)).isFalse();
    }

    @Test
    void restClientErrorIsPermanentExceptComeBackLater() {
        String url = "http://127.0.0.1/fachverfahren";
        assertThat(DeliveryFailures.isPermanent(new HttpOperationFailedException(url, 400, "Bad Request", null, Map.of(), ""))).isTrue();
        assertThat(DeliveryFailures.isPermanent(new HttpOperationFailedException(url, 408, "Request Timeout", null, Map.of(), ""))).isFalse();
        assertThat(DeliveryFailures.isPermanent(new HttpOperationFailedException(url, 502, "Bad Gateway", null, Map.of(), ""))).isFalse();
    }

    @Test
    void mappingFailureIsPermanent() {
        assertThat(DeliveryFailures.isPermanent(new RuntimeCamelException(new TransformerException("no such element")))).isTrue();
    }

    @Test
    void describeGivesTheInnermostMessage() {
        Exception failure = new RuntimeCamelException(new Fault(new ConnectException("Connection refused")));

        assertThat(DeliveryFailures.describe(failure)).isEqualTo("Connection refused");
        assertThat(DeliveryFailures.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
    }

    @Test
    void unknownFaultCodeIsNotPermanent() {
        assertThat(DeliveryFailures.isPermanent(new SoapFault("x", new QName("urn:x", "Other")))).isFalse();
    }
}
