package de.amtsbote.xoev;

import java.io.InputStream;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.xml.namespace.QName;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the root element and the message header of an XÖV message with StAX, and stops right after the
 * header, or, when the standard names a case reference, right after that element: the rest of the message
 * (which may be large) is not read here. An answer is read on until its reference to the answered message too.
 */
public class HeaderExtractor {

    private static final String LIST_URI = "listURI";
    private static final String LIST_VERSION_ID = "listVersionID";
    private static final String CODE = "code";
    private static final ZoneId GERMAN_TIME = ZoneId.of("Europe/Berlin");
    private static final String CASE_REFERENCE = "case";
    private static final String ANSWER_REFERENCE = "answer";

    private final Function<String, HeaderProfile> profileByNamespace;

    /** @param profileByNamespace the header profile for a root namespace, or null when none is configured */
    public HeaderExtractor(Function<String, HeaderProfile> profileByNamespace) {
        this.profileByNamespace = profileByNamespace;
    }

    public XoevHeader extract(InputStream xml) {
        return extract(xml, false);
    }

    /** As {@link #extract(InputStream)}, and also the nachrichtenUUID of the message the answer refers to. */
    public XoevHeader extractAnswer(InputStream xml) {
        return extract(xml, true);
    }

    private XoevHeader extract(InputStream xml, boolean answer) {
        XMLStreamReader reader = null;
        try {
            reader = SecureXml.inputFactory().createXMLStreamReader(xml);
            QName root = nextStartElement(reader);
            HeaderProfile profile = profileByNamespace.apply(root.getNamespaceURI());
            if (profile == null) {
                throw new UnsupportedMessageException(root, "No connector takes messages of the standard with namespace '"
                        + root.getNamespaceURI() + "' (root element " + root.getLocalPart() + ")");
            }
            String standard = attribute(reader, "standard");
            String version = attribute(reader, "version");
            boolean test = attribute(reader, "test") != null;
            Map<String, String> values = readHeader(reader, profile);
            Map<String, String> references = readReferences(reader, profile.caseReference(),
                    answer ? profile.answerReference() : List.of());
            return new XoevHeader(root, profile.id(), values.get(profile.paths().messageId()),
                    messageType(values, profile.paths().messageType()),
                    createdAt(values.get(profile.paths().createdAt())),
                    party(values, profile.paths().author(), profile.party()),
                    party(values, profile.paths().reader(), profile.party()),
                    standard != null ? standard : profile.standard(),
                    version != null ? version : profile.version(), test, references.get(CASE_REFERENCE),
                    references.get(ANSWER_REFERENCE));
        } catch (XMLStreamException e) {
            throw new MalformedXmlException(List.of(problem(e.getLocation(), e.getMessage())));
        } finally {
            close(reader);
        }
    }

    private static QName nextStartElement(XMLStreamReader reader) throws XMLStreamException {
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.DTD) {
                throw new MalformedXmlException(List.of(problem(reader.getLocation(), "DOCTYPE declarations are not allowed")));
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                return reader.getName();
            }
        }
        throw new MalformedXmlException(List.of(problem(reader.getLocation(), "The document has no root element")));
    }

    /**
     * Collects the text of the configured paths inside the header, keyed by path; for a code element also
     * {@code path/@listURI} and {@code path/@listVersionID}. The header must be the root's first child element.
     */
    private static Map<String, String> readHeader(XMLStreamReader reader, HeaderProfile profile) throws XMLStreamException {
        QName expected = profile.headerName();
        QName first = nextChild(reader);
        if (first == null || !first.equals(expected)) {
            throw new InvalidMessageException("The message header is missing", List.of(problem(reader.getLocation(),
                    "Expected the message header " + expected + " as the first element inside the root, found "
                            + (first == null ? "none" : first))));
        }
        Set<String> wanted = wantedPaths(profile);
        Map<String, String> values = new HashMap<>();
        Deque<String> path = new ArrayDeque<>();
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                path.addLast(reader.getLocalName());
                String current = String.join("/", path);
                if (current.equals(profile.paths().messageType())) {
                    values.put(current + "/@" + LIST_URI, attribute(reader, LIST_URI));
                    values.put(current + "/@" + LIST_VERSION_ID, attribute(reader, LIST_VERSION_ID));
                }
                if (wanted.contains(current)) {
                    values.put(current, reader.getElementText().strip());
                    path.removeLast();
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (path.isEmpty()) {
                    return values; // end of the header: the body is not read
                }
                path.removeLast();
            }
        }
        return values;
    }

    /**
     * Continues after the header through the root's content until the first element on one of the case reference
     * paths and, for an answer, on one of the answer reference paths (relative to the root) are found, and returns
     * their texts by {@link #CASE_REFERENCE} and {@link #ANSWER_REFERENCE}; one the message lacks is absent. Reads
     * nothing when no path is wanted.
     */
    private static Map<String, String> readReferences(XMLStreamReader reader, List<String> casePaths,
                                                      List<String> answerPaths) throws XMLStreamException {
        Map<String, String> wanted = new HashMap<>();
        casePaths.forEach(p -> wanted.putIfAbsent(p, CASE_REFERENCE));
        answerPaths.forEach(p -> wanted.putIfAbsent(p, ANSWER_REFERENCE));
        Set<String> kinds = Set.copyOf(wanted.values());
        Map<String, String> found = new HashMap<>();
        Deque<String> path = new ArrayDeque<>();
        while (found.size() < kinds.size() && reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                path.addLast(reader.getLocalName());
                String kind = wanted.get(String.join("/", path));
                if (kind != null) {
                    String reference = reader.getElementText().strip();
                    path.removeLast();
                    if (!reference.isEmpty()) {
                        found.putIfAbsent(kind, reference);
                    }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (path.isEmpty()) {
                    break; // end of the root
                }
                path.removeLast();
            }
        }
        return found;
    }

    /** The next child element of the element the reader is on, or null when that element ends first. */
    private static QName nextChild(XMLStreamReader reader) throws XMLStreamException {
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return reader.getName();
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                return null;
            }
        }
        return null;
    }

    private static Set<String> wantedPaths(HeaderProfile profile) {
        HeaderProfile.Paths p = profile.paths();
        HeaderProfile.PartyPaths party = profile.party();
        return Set.of(p.messageId(), p.messageType() + "/" + CODE, p.createdAt(),
                p.author() + "/" + party.directory(), p.author() + "/" + party.id(), p.author() + "/" + party.name(),
                p.reader() + "/" + party.directory(), p.reader() + "/" + party.id(), p.reader() + "/" + party.name());
    }

    private static MessageType messageType(Map<String, String> values, String path) {
        String code = values.get(path + "/" + CODE);
        return code == null ? null
                : new MessageType(code, values.get(path + "/@" + LIST_URI), values.get(path + "/@" + LIST_VERSION_ID));
    }

    private static Party party(Map<String, String> values, String path, HeaderProfile.PartyPaths party) {
        String id = values.get(path + "/" + party.id());
        return id == null ? null
                : new Party(values.get(path + "/" + party.directory()), id, values.get(path + "/" + party.name()));
    }

    /**
     * xs:dateTime may come without an offset; XÖV messages between German authorities mean German time then.
     * A value that is no dateTime at all is left to the schema to report, with its position.
     */
    private static OffsetDateTime createdAt(String text) {
        if (text == null) {
            return null;
        }
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof LocalDateTime local ? local.atZone(GERMAN_TIME).toOffsetDateTime() : (OffsetDateTime) parsed;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String attribute(XMLStreamReader reader, String localName) {
        return reader.getAttributeValue(null, localName);
    }

    private static XmlProblem problem(Location location, String message) {
        String text = message;
        // StAX messages start with their own position ("ParseError at [row,col]:[3,5]\nMessage: ..."); keep the message.
        int messageStart = text == null ? -1 : text.indexOf("Message: ");
        if (messageStart >= 0) {
            text = text.substring(messageStart + "Message: ".length());
        }
        return location == null ? new XmlProblem(-1, -1, text)
                : new XmlProblem(location.getLineNumber(), location.getColumnNumber(), text);
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing was written; the stream is closed by its owner
            }
        }
    }
}
