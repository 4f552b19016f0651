package de.amtsbote.xta;

import de.amtsbote.attachments.StoredAttachment;
import de.amtsbote.xoev.SecureXml;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.xml.namespace.QName;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The XTA 2 message shapes of {@code wsdl/xta/xta.wsdl} the hub writes and reads, as DOM elements for CXF's
 * payload mode: the MsgBox requests, the MessageMetaData header, the content container and the TransportReport.
 */
final class XtaMessages {

    static final String XTA = "http://xoev.de/transport/xta/211";
    static final String OSCI = "http://www.osci.eu/ws/2008/05/transport";
    static final String META = "http://www.osci.eu/ws/2014/10/transport";
    static final String WSA = "http://www.w3.org/2005/08/addressing";
    static final String XOP = "http://www.w3.org/2004/08/xop/include";
    static final QName SERVICE = new QName(XTA, "XTAService");
    static final QName MESSAGE_META_DATA = new QName(META, "MessageMetaData");
    static final QName AUTHOR = new QName(META, "Author");
    /** The message types in the MessageMetaData the hub's MsgBoxPort writes: the submission's XÖV type code. */
    private static final String MESSAGE_TYPES = "urn:de:amtsbote:xta:message-type";
    /** The hub's own records in a TransportReport. */
    private static final String RECORD_CODES = "urn:de:amtsbote:xta:record";

    private XtaMessages() {
    }

    /** The account's identity as the (optional, but expected by XTA servers) AuthorIdentifier header. */
    static Element author(String identifier, String type) {
        Document doc = newDocument();
        Element author = doc.createElementNS(META, "oscimeta:Author");
        Element id = append(author, META, "oscimeta:Identifier", identifier);
        id.setAttribute("type", type);
        doc.appendChild(author);
        return author;
    }

    /** The status list of new messages, with their MessageMetaData. */
    static Element statusListRequest(int maxListItems) {
        Document doc = newDocument();
        Element request = doc.createElementNS(OSCI, "osci:MsgBoxStatusListRequest");
        request.setAttribute("maxListItems", Integer.toString(maxListItems));
        request.setAttribute("ListForm", "MessageMetaData");
        doc.appendChild(request);
        return request;
    }

    static Element fetchRequest(String messageId) {
        Document doc = newDocument();
        Element request = doc.createElementNS(OSCI, "osci:MsgBoxFetchRequest");
        Element selector = append(request, OSCI, "osci:MsgSelector", null);
        append(selector, WSA, "wsa:MessageID", messageId);
        doc.appendChild(request);
        return request;
    }

    /** Closing the fetch of a message: only now does the XTA server count it as received. */
    static Element closeRequest(String messageId) {
        Document doc = newDocument();
        Element request = doc.createElementNS(OSCI, "osci:MsgBoxCloseRequest");
        request.setAttribute("MsgBoxRequestID", "urn:uuid:" + UUID.randomUUID());
        append(request, OSCI, "osci:LastMsgReceived", messageId);
        doc.appendChild(request);
        return request;
    }

    /** The hub's answer to getStatusList: the listed messages' MessageMetaData, in their order. */
    static Element statusList(List<Element> metaData) {
        Document doc = newDocument();
        Element list = doc.createElementNS(OSCI, "osci:MsgStatusList");
        metaData.forEach(each -> list.appendChild(doc.importNode(each, true)));
        doc.appendChild(list);
        return list;
    }

    /**
     * MessageMetaData of a message the hub holds in a message box: the parties are {@code type:identifier}, the
     * business scenario is undefined (free text), the message type a code of the hub's own list.
     *
     * @param origin   when the hub accepted it, if known
     * @param delivery when it entered the box
     */
    static Element metaData(XtaMetaData meta, Instant origin, Instant delivery, long size) {
        Document doc = newDocument();
        Element root = doc.createElementNS(META, "oscimeta:MessageMetaData");
        Element attributes = append(root, META, "oscimeta:DeliveryAttributes", null);
        if (origin != null) {
            append(attributes, META, "oscimeta:Origin", origin.toString());
        }
        append(attributes, META, "oscimeta:Delivery", delivery.toString());
        party(append(append(root, META, "oscimeta:Originators", null), META, "oscimeta:Author", null), meta.author());
        party(append(append(root, META, "oscimeta:Destinations", null), META, "oscimeta:Reader", null), meta.reader());
        append(append(root, META, "oscimeta:MsgIdentification", null), WSA, "wsa:MessageID", meta.messageId());
        Element qualifier = append(root, META, "oscimeta:Qualifier", null);
        append(qualifier, META, "oscimeta:Service", meta.service());
        append(append(qualifier, META, "oscimeta:BusinessScenario", null), META, "oscimeta:Undefined",
                meta.businessScenario());
        Element type = append(qualifier, META, "oscimeta:MessageType", null);
        type.setAttribute("listURI", MESSAGE_TYPES);
        type.setAttribute("listVersionID", "1");
        type.setAttribute("payloadSchema", meta.service());
        append(type, null, "code", meta.messageType());
        if (size > 0) {
            append(root, META, "oscimeta:MsgSize", Long.toString(size));
        }
        doc.appendChild(root);
        return root;
    }

    /**
     * A GenericContentContainer with one Message, base64 inline, and an Attachment element per document: its id
     * the dokumentid, its content an {@code xop:Include} of the MTOM part whose Content-ID is the document's part
     * name ({@link XtaAttachments#send} adds the parts).
     */
    static Element container(byte[] content, String contentType, String filename, List<StoredAttachment> documents) {
        Document doc = newDocument();
        Element container = doc.createElementNS(XTA, "xta:GenericContentContainer");
        Element contentContainer = append(container, XTA, "xta:ContentContainer", null);
        Element message = append(contentContainer, XTA, "xta:Message", Base64.getEncoder().encodeToString(content));
        message.setAttribute("contentType", contentType);
        message.setAttribute("filename", filename);
        message.setAttribute("size", Integer.toString(content.length));
        for (StoredAttachment document : documents) {
            Element attachment = append(contentContainer, XTA, "xta:Attachment", null);
            attachment.setAttribute("contentType", "application/octet-stream");
            attachment.setAttribute("id", document.document().documentId());
            attachment.setAttribute("filename", document.safeName());
            if (document.document().size() != null) {
                attachment.setAttribute("size", Long.toString(document.document().size()));
            }
            append(attachment, XOP, "xop:Include", null).setAttribute("href", "cid:" + document.partName());
        }
        doc.appendChild(container);
        return container;
    }

    /** The child elements of this name, in their order. */
    static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> children = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && localName.equals(element.getLocalName())
                    && namespace.equals(element.getNamespaceURI())) {
                children.add(element);
            }
        }
        return children;
    }

    /** The MessageMetaData of each message a MsgStatusList names, in its order. */
    static List<Element> listed(Element statusList) {
        List<Element> listed = new ArrayList<>();
        for (Node child = statusList.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && META.equals(element.getNamespaceURI())
                    && "MessageMetaData".equals(element.getLocalName())) {
                listed.add(element);
            }
        }
        return listed;
    }

    static XtaMetaData metaData(Element metaData) {
        Element qualifier = child(metaData, META, "Qualifier");
        Element scenario = child(qualifier, META, "BusinessScenario");
        Element defined = child(scenario, META, "Defined");
        Element messageType = child(qualifier, META, "MessageType");
        return new XtaMetaData(
                text(child(child(metaData, META, "MsgIdentification"), WSA, "MessageID")),
                party(child(child(metaData, META, "Originators"), META, "Author")),
                party(child(child(metaData, META, "Destinations"), META, "Reader")),
                text(child(qualifier, META, "Service")),
                defined != null ? code(defined) : text(child(scenario, META, "Undefined")),
                messageType == null ? null : code(messageType),
                "true".equals(metaData.getAttribute("TestMsg")) || "1".equals(metaData.getAttribute("TestMsg")));
    }

    /**
     * The MessageMetaData of a message the hub sends through an account (an answer): from the account's identity to
     * the party it answers, in the service and business scenario of the message answered. Parties as
     * {@code type:identifier}, as {@link #metaData(Element)} reads them.
     */
    static Element outgoingMetaData(String messageId, String author, String authorType, String readerParty,
                                    String service, String businessScenario) {
        Document doc = newDocument();
        Element meta = doc.createElementNS(META, "oscimeta:MessageMetaData");
        append(meta, META, "oscimeta:DeliveryAttributes", null);
        identifier(append(append(meta, META, "oscimeta:Originators", null), META, "oscimeta:Author", null),
                authorType, author);
        int colon = readerParty.indexOf(':');
        identifier(append(append(meta, META, "oscimeta:Destinations", null), META, "oscimeta:Reader", null),
                colon < 0 ? "xoev" : readerParty.substring(0, colon), colon < 0 ? readerParty : readerParty.substring(colon + 1));
        append(append(meta, META, "oscimeta:MsgIdentification", null), WSA, "wsa:MessageID", messageId);
        Element qualifier = append(meta, META, "oscimeta:Qualifier", null);
        append(qualifier, META, "oscimeta:Service", service == null ? "" : service);
        append(append(qualifier, META, "oscimeta:BusinessScenario", null), META, "oscimeta:Undefined",
                businessScenario == null ? "" : businessScenario.replaceFirst(" \\(.*\\)$", ""));
        doc.appendChild(meta);
        return meta;
    }

    private static void identifier(Element party, String type, String value) {
        append(party, META, "oscimeta:Identifier", value).setAttribute("type", type);
    }

    /**
     * The XÖV message of a GenericContentContainer: the Message element's base64 content, or the MTOM part its
     * {@code xop:Include} names (looked up by content id).
     */
    static byte[] message(Element container, Function<String, byte[]> attachments) {
        Element message = child(child(container, XTA, "ContentContainer"), XTA, "Message");
        if (message == null) {
            throw new XtaContentException("The GenericContentContainer holds no ContentContainer/Message"
                    + " (an encrypted container is not supported)");
        }
        Element include = child(message, XOP, "Include");
        if (include != null) {
            byte[] part = attachments.apply(contentId(include));
            if (part == null) {
                throw new XtaContentException("The Message names the MTOM part " + include.getAttribute("href")
                        + ", which the request does not carry");
            }
            return part;
        }
        try {
            return Base64.getMimeDecoder().decode(message.getTextContent().strip());
        } catch (IllegalArgumentException notBase64) {
            throw new XtaContentException("The Message content is not base64: " + notBase64.getMessage());
        }
    }

    /** The MTOM part an {@code xop:Include} names: its {@code cid:} URL decoded to the part's Content-ID. */
    static String contentId(Element include) {
        String href = include.getAttribute("href");
        return URLDecoder.decode(href.startsWith("cid:") ? href.substring(4) : href, StandardCharsets.UTF_8);
    }

    /**
     * The answer to a push: the sender's metadata, when the hub wrote it, and one record saying what became of
     * the message (status 1: no errors).
     */
    static Element transportReport(Element metaData, String serverIdentity, String code, String reason) {
        Document doc = newDocument();
        Element report = doc.createElementNS(XTA, "xta:TransportReport");
        report.appendChild(doc.importNode(metaData, true));
        String now = Instant.now().toString();
        append(report, XTA, "xta:ReportTime", now);
        append(report, XTA, "xta:XTAServerIdentity", serverIdentity);
        Element status = append(report, XTA, "xta:MessageStatus", null);
        append(status, XTA, "xta:Status", "1");
        Element info = append(append(status, XTA, "xta:InfoList", null), XTA, "xta:Info", null);
        append(info, XTA, "xta:Timestamp", now);
        Element recordCode = append(info, XTA, "xta:Code", null);
        recordCode.setAttribute("listURI", RECORD_CODES);
        recordCode.setAttribute("listVersionID", "1");
        append(recordCode, null, "code", code);
        append(info, XTA, "xta:Reason", reason);
        doc.appendChild(report);
        return report;
    }

    /** The content of an XTA exception in a fault's detail: the error number and its text. */
    static Element exception(String name, String errorCode, String errorText) {
        Document doc = newDocument();
        Element exception = doc.createElementNS(XTA, "xta:" + name);
        Element code = append(exception, XTA, "xta:errorCode", null);
        append(code, null, "code", errorCode);
        append(code, null, "name", errorText);
        doc.appendChild(exception);
        return exception;
    }

    static Optional<Element> firstElement(List<?> elements, String namespace, String localName) {
        return elements.stream().map(XtaMessages::asElement).filter(element -> element != null
                && namespace.equals(element.getNamespaceURI()) && localName.equals(element.getLocalName())).findFirst();
    }

    private static Element asElement(Object node) {
        if (node instanceof Element element) {
            return element;
        }
        if (node instanceof org.apache.cxf.headers.Header header && header.getObject() instanceof Element element) {
            return element;
        }
        return null;
    }

    /** A party identifier written from its {@code type:identifier} form. */
    private static void party(Element party, String typed) {
        int colon = typed.indexOf(':');
        Element identifier = append(party, META, "oscimeta:Identifier", typed.substring(colon + 1));
        identifier.setAttribute("type", typed.substring(0, colon));
    }

    private static String party(Element party) {
        Element identifier = child(party, META, "Identifier");
        if (identifier == null) {
            return null;
        }
        String type = identifier.getAttribute("type");
        return (type.isEmpty() ? "" : type + ":") + identifier.getTextContent().strip();
    }

    private static String code(Element code) {
        String value = text(child(code, null, "code"));
        String list = code.getAttribute("listURI");
        return list.isEmpty() ? value : value + " (" + list + ")";
    }

    static Element child(Element parent, String namespace, String localName) {
        if (parent == null) {
            return null;
        }
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && localName.equals(element.getLocalName())
                    && (namespace == null ? element.getNamespaceURI() == null : namespace.equals(element.getNamespaceURI()))) {
                return element;
            }
        }
        return null;
    }

    private static String text(Element element) {
        return element == null ? null : element.getTextContent().strip();
    }

    private static Element append(Element parent, String namespace, String name, String text) {
        Element child = parent.getOwnerDocument().createElementNS(namespace, name);
        if (text != null) {
            child.setTextContent(text);
        }
        parent.appendChild(child);
        return child;
    }

    private static Document newDocument() {
        return SecureXml.documentBuilder().newDocument();
    }
}
