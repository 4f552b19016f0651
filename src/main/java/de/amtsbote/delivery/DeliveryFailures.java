package de.amtsbote.delivery;

import java.io.IOException;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.transform.TransformerException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.transport.http.HTTPException;

/**
 * Which failures are worth another attempt. A specialist system that is down, slow or failing on its side
 * (connection refused, timeout, HTTP 5xx, SOAP server fault, a file server that is away) may work later; a message it calls wrong (SOAP client
 * fault, HTTP 4xx) or a mapping that fails will fail the same way every time.
 */
public final class DeliveryFailures {

    private DeliveryFailures() {
    }

    public static boolean isPermanent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HTTPException http) {
                return isClientError(http.getResponseCode());
            }
            if (cause instanceof HttpOperationFailedException http) {
                return isClientError(http.getStatusCode());
            }
            if (cause instanceof IOException) {
                // the call did not get through (CXF reports that as a fault with a client code, too)
                return false;
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransformerException) {
                return true;
            }
            if (cause instanceof SoapFault fault) {
                // an answer the hub could not read (empty, cut off, an HTML error page) is no verdict on the message
                return !unreadableAnswer(fault) && isClientFault(fault.getFaultCode());
            }
        }
        return false;
    }

    private static boolean unreadableAnswer(SoapFault fault) {
        for (Throwable cause = fault.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof XMLStreamException) {
                return true;
            }
        }
        return false;
    }

    /** 4xx: the specialist system will refuse this request again; but 408 and 429 ask to come back later. */
    private static boolean isClientError(int code) {
        return code >= 400 && code < 500 && code != 408 && code != 429;
    }

    /** SOAP 1.1 calls it Client, SOAP 1.2 Sender. */
    private static boolean isClientFault(QName code) {
        return code != null && ("Client".equals(code.getLocalPart()) || "Sender".equals(code.getLocalPart()));
    }

    /** A short reason for the history: the innermost message, without stack or class internals. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 500 ? message.substring(0, 500) + "…" : message;
    }
}
