package de.amtsbote.delivery;

import de.amtsbote.attachments.FormData;
import de.amtsbote.attachments.StoredAttachment;
import de.amtsbote.connectors.Credentials;
import de.amtsbote.connectors.Destination;
import de.amtsbote.connectors.Payload;
import de.amtsbote.tracking.MessageBoxStore;
import de.amtsbote.tracking.SubmissionStatus;
import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.xml.transform.stream.StreamSource;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.attachment.AttachmentMessage;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.apache.cxf.binding.soap.SoapHeader;
import org.apache.cxf.endpoint.Client;
import org.apache.hc.core5.http.HttpEntity;
import org.w3c.dom.Element;

/**
 * How each protocol reaches a specialist system: the Camel endpoint, what goes on the message before the call, and
 * what the history says after it. Files are written under a temporary name and renamed when complete, so a
 * specialist system polling the folder never reads half a file; their name is the tracking id, so a redelivery
 * overwrites rather than adds. A message box is the hub's own table ({@link MessageBoxDrop}): the message counts as
 * delivered only when the specialist system has pulled and closed it.
 */
final class Protocols {

    static final String REST_HEADER_FILTER = "restHeaderFilter";
    static final String REST_CLIENT = "restClient";
    /** What a REST destination receives beside the body; nothing else goes out, nothing comes back in. */
    static final String REST_HEADERS = "Content-Type|Authorization|Idempotency-Key|X-Amtsbote-Tracking-Id";
    private static final String TEMP_PREFIX = ".inprogress-";

    private Protocols() {
    }

    static String endpoint(Destination destination, Credentials credentials) {
        String address = destination.address();
        return switch (destination.protocol()) {
            case SOAP -> "cxf://" + address + "?wsdlURL=" + destination.soap().wsdl()
                    + "&serviceName=" + destination.soap().service() + "&portName=" + destination.soap().port()
                    + "&defaultOperationName=" + destination.soap().operation()
                    // synchronous: the delivery thread waits in its transaction anyway; no hand-off to CXF's work queue
                    + "&dataFormat=PAYLOAD&synchronous=true"
                    + "&headerFilterStrategy=#" + DeliveryConfiguration.HEADER_FILTER
                    + (credentials.hasPassword() ? "&username=" + raw(credentials.username())
                            + "&password=" + raw(credentials.password()) : "");
            case REST -> address + (address.contains("?") ? "&" : "?") + "httpMethod=" + destination.rest().method()
                    + "&throwExceptionOnFailure=true&headerFilterStrategy=#" + REST_HEADER_FILTER
                    + "&httpClientConfigurer=#" + REST_CLIENT;
            case FILE -> "file:" + Path.of(address).toAbsolutePath() + "?" + fileOptions();
            case SFTP -> sftp(destination, credentials);
            case JMS -> "jms:queue:" + address + "?exchangePattern=InOnly&jmsMessageType=Bytes";
            case MSGBOX -> "bean:" + MessageBoxDrop.BEAN + "?method=put";
        };
    }

    /**
     * The message as the protocol carries it, with only the headers the protocol needs. Documents beside it go to
     * a REST destination as parts of a multipart/form-data request (streamed from their files), to file drops
     * as files of their own ({@link #prepareDocument}), and to a SOAP destination with {@code soap.mtom} as MTOM
     * attachments whose Content-ID is the dokumentid (streamed from their files too); only such a call is MTOM.
     */
    static void prepare(Exchange exchange, Destination destination, Credentials credentials, Payload payload,
                        List<StoredAttachment> documents) {
        Message message = exchange.getMessage();
        if (!documents.isEmpty() && !destination.takesDocuments()) {
            throw new IllegalStateException("Destination " + destination.id() + " (" + destination.protocol()
                    + ") takes no documents beside the message, and this message has " + documents.size());
        }
        switch (destination.protocol()) {
            case SOAP -> {
                // mutable lists: CXF's producer replaces the sources as it reads them
                message.setBody(new CxfPayload<SoapHeader>(new ArrayList<>(),
                        new ArrayList<>(List.of(new StreamSource(new ByteArrayInputStream(payload.content())))), null));
                AttachmentMessage withAttachments = exchange.getMessage(AttachmentMessage.class);
                for (StoredAttachment document : documents) {
                    withAttachments.addAttachment(document.partName(), new DataHandler(new FileDataSource(document.file().toFile())));
                }
                if (!documents.isEmpty()) {
                    // MTOM for this call only: a message without documents goes as plain SOAP, which every system reads
                    exchange.setProperty(Client.REQUEST_CONTEXT, Map.of(org.apache.cxf.message.Message.MTOM_ENABLED, true));
                }
            }
            case REST -> {
                if (documents.isEmpty()) {
                    message.setBody(payload.content());
                    message.setHeader(Exchange.CONTENT_TYPE, payload.contentType() + "; charset=UTF-8");
                } else {
                    HttpEntity parts = FormData.of(payload.content(), payload.contentType(),
                            message.getHeader(DeliveryHeaders.TRACKING_ID, String.class) + extension(payload), documents);
                    message.setBody(parts);
                    message.setHeader(Exchange.CONTENT_TYPE, parts.getContentType());
                }
                // a REST specialist system may deduplicate on this, as SOAP ones do on nachrichtenUUID
                message.setHeader("Idempotency-Key", message.getHeader(DeliveryHeaders.MESSAGE_ID));
                message.setHeader("X-Amtsbote-Tracking-Id", message.getHeader(DeliveryHeaders.TRACKING_ID));
                if (credentials.token() != null) {
                    message.setHeader("Authorization", "Bearer " + credentials.token());
                } else if (credentials.hasPassword()) {
                    message.setHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8)));
                }
            }
            case FILE, SFTP -> {
                message.setBody(payload.content());
                message.setHeader(Exchange.FILE_NAME, message.getHeader(DeliveryHeaders.TRACKING_ID)
                        + extension(payload));
            }
            case JMS -> message.setBody(payload.content());
            case MSGBOX -> {
                message.setBody(payload.content());
                message.setHeader(Exchange.CONTENT_TYPE, payload.contentType());
                exchange.setProperty(MessageBoxDrop.DESTINATION, destination.id());
            }
        }
    }

    /** A message box is no delivery yet: its specialist system still has to pull and close the message. */
    static boolean awaitsClose(Destination destination) {
        return destination.protocol() == Destination.Protocol.MSGBOX;
    }

    /**
     * The status after a successful call: DELIVERED, but IN_MESSAGE_BOX for a message box, unless a redelivery
     * finds that the specialist system closed the entry of an earlier attempt already.
     */
    static SubmissionStatus status(Exchange exchange, Destination destination) {
        if (!awaitsClose(destination)) {
            return SubmissionStatus.DELIVERED;
        }
        return exchange.getProperty(MessageBoxDrop.OUTCOME) == MessageBoxStore.Put.CLOSED_BEFORE
                ? SubmissionStatus.DELIVERED : SubmissionStatus.IN_MESSAGE_BOX;
    }

    /** Whether the destination's documents are written as files beside the message. */
    static boolean writesFiles(Destination destination) {
        return destination.protocol() == Destination.Protocol.FILE || destination.protocol() == Destination.Protocol.SFTP;
    }

    /**
     * One document of a split over the stored documents, as a file beside the message:
     * {@code <trackingId>-<dokumentid>-<dateiname>}, names made safe, the content streamed from the store.
     */
    static void prepareDocument(Exchange exchange) {
        Message message = exchange.getMessage();
        StoredAttachment document = message.getBody(StoredAttachment.class);
        message.setHeader(Exchange.FILE_NAME, message.getHeader(DeliveryHeaders.TRACKING_ID) + "-" + document.safeName());
        message.setBody(document.file().toFile());
    }

    private static String extension(Payload payload) {
        return payload.contentType().endsWith("json") ? ".json" : ".xml";
    }

    /** The history's line for a confirmed delivery. */
    static String delivered(Exchange exchange, Destination destination, int attempt) {
        Message message = exchange.getMessage();
        String where = "Delivered to " + destination.id() + " (attempt " + attempt + ")";
        return switch (destination.protocol()) {
            case SOAP -> {
                @SuppressWarnings("unchecked")
                CxfPayload<SoapHeader> answer = message.getBody(CxfPayload.class);
                yield SoapReceipt.from((Element) answer.getBody().get(0)).describe(destination.id(), attempt);
            }
            case REST -> where + ": HTTP " + message.getHeader(Exchange.HTTP_RESPONSE_CODE);
            case FILE, SFTP -> where + ": written as " + message.getHeader(Exchange.FILE_NAME_PRODUCED, String.class);
            case JMS -> where + ": sent to queue " + destination.address();
            case MSGBOX -> switch (exchange.getProperty(MessageBoxDrop.OUTCOME, MessageBoxStore.Put.class)) {
                case NEW -> "Put into message box " + destination.id() + " (attempt " + attempt
                        + "): delivered when its specialist system closes it";
                case PENDING_BEFORE -> "Already in message box " + destination.id() + " from an earlier attempt"
                        + " (attempt " + attempt + "): not put again";
                case CLOSED_BEFORE -> "Already in message box " + destination.id() + " from an earlier attempt, and"
                        + " closed since (attempt " + attempt + "): not put again";
            };
        };
    }

    /** Whether the specialist system accepted the message (SOAP answers with a receipt that may refuse it). */
    static boolean accepted(Exchange exchange, Destination destination) {
        if (destination.protocol() != Destination.Protocol.SOAP) {
            return true;
        }
        @SuppressWarnings("unchecked")
        CxfPayload<SoapHeader> answer = exchange.getMessage().getBody(CxfPayload.class);
        return SoapReceipt.from((Element) answer.getBody().get(0)).accepted();
    }

    private static String sftp(Destination destination, Credentials credentials) {
        URI address = URI.create(destination.address());
        if (!"sftp".equals(address.getScheme()) || address.getHost() == null) {
            throw new IllegalArgumentException("an SFTP destination's address is sftp://host[:port]/directory, not "
                    + destination.address());
        }
        if (destination.sftp().knownHosts() == null) {
            throw new IllegalArgumentException("an SFTP destination needs sftp.known-hosts: the hub checks the server's host key");
        }
        if (!credentials.hasPassword()) {
            throw new IllegalArgumentException("an SFTP destination needs credentials with username and password");
        }
        return "sftp://" + address.getHost() + ":" + (address.getPort() < 0 ? 22 : address.getPort())
                + (address.getPath() == null || address.getPath().isEmpty() ? "/" : address.getPath())
                + "?username=" + raw(credentials.username()) + "&password=" + raw(credentials.password())
                + "&knownHostsFile=" + raw(Path.of(destination.sftp().knownHosts()).toAbsolutePath().toString())
                + "&strictHostKeyChecking=yes&useUserKnownHostsFile=false&binary=true&" + fileOptions();
    }

    private static String fileOptions() {
        return "tempPrefix=" + TEMP_PREFIX + "&fileExist=Override&autoCreate=true";
    }

    /** Secrets and paths go into the URI as they are; Camel masks passwords when it logs an endpoint. */
    private static String raw(String value) {
        return "RAW(" + value + ")";
    }
}
