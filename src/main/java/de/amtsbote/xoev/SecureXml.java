package de.amtsbote.xoev;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import javax.xml.transform.Source;
import javax.xml.transform.sax.SAXSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Hardened XML parsers. Every document from outside the hub is parsed through these: no DTDs, no external
 * entities, schemas or XIncludes fetched, and the same limits on every parser, set explicitly rather than left to
 * each implementation's defaults (the JDK's own parser for SAX, DOM and validation; Woodstox, which CXF brings, for
 * StAX; CXF's SOAP parsing takes them as bus properties).
 *
 * <p>The whole body is bounded before any parser sees it (intake {@code max-body-size}); the limits bound what one
 * document may make a parser build or recurse into. They are not tunables: a real XÖV message stays far below each.
 */
public final class SecureXml {

    /** XÖV messages nest about 15 deep; a SOAP envelope and the delivery wrapper add 4. */
    public static final int MAX_ELEMENT_DEPTH = 200;
    public static final int MAX_ATTRIBUTES_PER_ELEMENT = 100;
    public static final int MAX_ATTRIBUTE_SIZE = 64 * 1024;
    /** XÖV code lists go in attributes and element names are short; the JDK's default, set explicitly. */
    public static final int MAX_NAME_LENGTH = 1000;
    public static final int MAX_CHILDREN_PER_ELEMENT = 50_000;
    public static final long MAX_ELEMENT_COUNT = 2_000_000;
    /** Inline attachments (base64) are single text nodes: as large as CXF's own default, above any body taken. */
    public static final int MAX_TEXT_LENGTH = 128 * 1024 * 1024;
    public static final long MAX_CHARACTERS = 2L * MAX_TEXT_LENGTH;
    /**
     * DOCTYPE declarations are refused, so no entity can be declared: the entity limits only bound a parser that
     * would ever get past that. Predefined ({@code &amp;}) and character references are not entity expansions.
     */
    public static final int MAX_ENTITY_EXPANSIONS = 100;
    public static final int MAX_ENTITY_SIZE = 10_000;
    /**
     * Distinct names (of elements, attributes and processing instructions) in one document. Saxon keeps every name
     * it meets for as long as its configuration lives, about a million at most, so one schema-valid message with
     * made-up names inside an XÖV extension point ({@code xs:any processContents="lax"}) could fill it. A real
     * message uses a few hundred. The SAX reader enforces it, since it feeds Saxon ({@link SaxonNames}).
     */
    public static final int MAX_DISTINCT_NAMES = 10_000;
    /**
     * Namespaces declared in one document, and the length of a namespace URI: Saxon keeps every namespace URI it
     * meets for the JVM's life. XÖV's are below 100 characters.
     */
    public static final int MAX_NAMESPACES = 100;
    public static final int MAX_NAMESPACE_URI_LENGTH = 200;
    /** Distinct namespace URIs the hub takes from documents while it runs ({@link NamespacesMet}); XÖV uses dozens. */
    public static final int MAX_NAMESPACES_MET = 50_000;

    static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
    /** XInclude is processed by nobody here; an include element is refused so that no system after the hub does. */
    static final String XINCLUDE_NAMESPACE = "http://www.w3.org/2001/XInclude";

    /** The JDK parser's limits (java.xml module summary) by their property names, which its factories accept too. */
    private static final Map<String, String> JDK_LIMITS = Map.of(
            "jdk.xml.maxElementDepth", String.valueOf(MAX_ELEMENT_DEPTH),
            "jdk.xml.elementAttributeLimit", String.valueOf(MAX_ATTRIBUTES_PER_ELEMENT),
            "jdk.xml.maxXMLNameLimit", String.valueOf(MAX_NAME_LENGTH),
            "jdk.xml.entityExpansionLimit", String.valueOf(MAX_ENTITY_EXPANSIONS),
            "jdk.xml.entityReplacementLimit", String.valueOf(MAX_ENTITY_SIZE),
            "jdk.xml.maxGeneralEntitySizeLimit", String.valueOf(MAX_ENTITY_SIZE),
            "jdk.xml.maxParameterEntitySizeLimit", String.valueOf(MAX_ENTITY_SIZE),
            "jdk.xml.totalEntitySizeLimit", String.valueOf(MAX_ENTITY_SIZE));

    // Configured once and only read afterwards; looking a factory up costs a class-path scan per call.
    private static final XMLInputFactory INPUT_FACTORY = newInputFactory();
    private static final SAXParserFactory SAX_PARSER_FACTORY = newSaxParserFactory();
    private static final DocumentBuilderFactory DOCUMENT_BUILDER_FACTORY = newDocumentBuilderFactory();

    private SecureXml() {
    }

    /**
     * A shared StAX factory (thread-safe once configured). Woodstox by name: the limits are its own properties,
     * and another implementation would silently ignore them. It reports a DOCTYPE as an event without reading
     * anything it names; the reader's user refuses it.
     */
    public static XMLInputFactory inputFactory() {
        return INPUT_FACTORY;
    }

    /**
     * The reader, failing at a DOCTYPE declaration. StAX readers report a DOCTYPE as an event rather than an error,
     * and a library that reads through them (XStream) skips it silently: with this wrapper it never gets past one.
     */
    public static XMLStreamReader rejectingDoctype(XMLStreamReader reader) {
        return new StreamReaderDelegate(reader) {
            @Override
            public int next() throws XMLStreamException {
                int event = super.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new XMLStreamException("DOCTYPE declarations are not allowed", getLocation());
                }
                return event;
            }
        };
    }

    private static XMLInputFactory newInputFactory() {
        XMLInputFactory factory = new WstxInputFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.RESOLVER, (XMLResolver) (publicId, systemId, base, namespace) -> {
            throw new XMLStreamException("External entities are not read: " + systemId);
        });
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, MAX_ELEMENT_DEPTH);
        factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, MAX_ATTRIBUTES_PER_ELEMENT);
        factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, MAX_ATTRIBUTE_SIZE);
        factory.setProperty(WstxInputProperties.P_MAX_CHILDREN_PER_ELEMENT, MAX_CHILDREN_PER_ELEMENT);
        factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_COUNT, MAX_ELEMENT_COUNT);
        factory.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, MAX_TEXT_LENGTH);
        factory.setProperty(WstxInputProperties.P_MAX_CHARACTERS, MAX_CHARACTERS);
        factory.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, MAX_ENTITY_EXPANSIONS);
        factory.setProperty(WstxInputProperties.P_MAX_ENTITY_DEPTH, 1);
        return factory;
    }

    /**
     * A SAX reader for untrusted documents: a DOCTYPE is a fatal error, nothing external is loaded, and an
     * XInclude element, an attribute value over {@link #MAX_ATTRIBUTE_SIZE} (which the JDK parser does not bound),
     * more than {@link #MAX_DISTINCT_NAMES} names, more than {@link #MAX_NAMESPACES} namespaces, a namespace URI
     * over {@link #MAX_NAMESPACE_URI_LENGTH} and a namespace URI past {@link #MAX_NAMESPACES_MET} are fatal errors
     * too.
     */
    public static XMLReader xmlReader() {
        return xmlReader(NamespacesMet.HUB);
    }

    /** As {@link #xmlReader()}, counting namespace URIs in {@code met}. */
    static XMLReader xmlReader(NamespacesMet met) {
        try {
            XMLReader reader = SAX_PARSER_FACTORY.newSAXParser().getXMLReader();
            for (Map.Entry<String, String> limit : JDK_LIMITS.entrySet()) {
                reader.setProperty(limit.getKey(), limit.getValue());
            }
            return new UntrustedContentFilter(reader, met);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("SAX parser does not support secure processing", e);
        }
    }

    /** A message as a source for validation or transformation, read by {@link #xmlReader()}. */
    public static Source source(byte[] xml) {
        return new SAXSource(xmlReader(), new InputSource(new ByteArrayInputStream(xml)));
    }

    /** A DOM builder for untrusted documents, with the same rules and limits as {@link #xmlReader()}'s parser. */
    public static DocumentBuilder documentBuilder() {
        try {
            return DOCUMENT_BUILDER_FACTORY.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("DOM parser does not support secure processing", e);
        }
    }

    /**
     * A validator against one of the hub's compiled schemas, as a SAX handler: {@code xsi:schemaLocation} hints and
     * DTDs in the message are never followed. Feed it from {@link #xmlReader()}, so the message is parsed with its
     * rules and limits (the reader refuses a DOCTYPE).
     */
    public static ValidatorHandler validatorHandler(Schema schema) {
        ValidatorHandler handler = schema.newValidatorHandler();
        try {
            handler.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            handler.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            throw new IllegalStateException("Schema validator does not support secure processing", e);
        }
        return handler;
    }

    private static SAXParserFactory newSaxParserFactory() {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            return factory;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("SAX parser does not support secure processing", e);
        }
    }

    private static DocumentBuilderFactory newDocumentBuilderFactory() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            JDK_LIMITS.forEach(factory::setAttribute);
            return factory;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("DOM parser does not support secure processing", e);
        }
    }

    /**
     * A schema factory for the hub's own schema files: secure processing on, imports and includes only through
     * the resource resolver the caller sets (which keeps them inside {@code schemas/}).
     */
    public static SchemaFactory schemaFactory() {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
            for (Map.Entry<String, String> limit : JDK_LIMITS.entrySet()) {
                factory.setProperty(limit.getKey(), limit.getValue());
            }
        } catch (SAXException e) {
            throw new IllegalStateException("XML schema factory does not support secure processing", e);
        }
        return factory;
    }

    /** Refuses what the JDK parser has no limit or switch for, as a fatal error at its position. */
    private static final class UntrustedContentFilter extends XMLFilterImpl {

        private final Map<String, Set<String>> namesByNamespace = new HashMap<>();
        private final Set<String> namespaces = new HashSet<>();
        private final NamespacesMet met;
        private int distinctNames;
        private Locator locator;

        UntrustedContentFilter(XMLReader parent, NamespacesMet met) {
            super(parent);
            this.met = met;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
            super.setDocumentLocator(locator);
        }

        @Override
        public void startDocument() throws SAXException {
            namesByNamespace.clear();
            namespaces.clear();
            distinctNames = 0;
            super.startDocument();
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) throws SAXException {
            if (uri.length() > MAX_NAMESPACE_URI_LENGTH) {
                throw new SAXParseException("The namespace URI declared for prefix '" + prefix + "' is longer than "
                        + MAX_NAMESPACE_URI_LENGTH + " characters", locator);
            }
            if (namespaces.add(uri)) {
                if (namespaces.size() > MAX_NAMESPACES) {
                    throw new SAXParseException("The document declares more than " + MAX_NAMESPACES + " namespaces",
                            locator);
                }
                if (!met.meet(uri)) {
                    throw new SAXParseException("The hub has met " + MAX_NAMESPACES_MET + " namespaces since it "
                            + "started and takes no new one until it is restarted: " + uri, locator);
                }
            }
            super.startPrefixMapping(prefix, uri);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            if (XINCLUDE_NAMESPACE.equals(uri)) {
                throw new SAXParseException("XInclude elements are not allowed: " + qName, locator);
            }
            count(uri, localName);
            for (int i = 0; i < atts.getLength(); i++) {
                if (atts.getValue(i).length() > MAX_ATTRIBUTE_SIZE) {
                    throw new SAXParseException("The value of attribute " + atts.getQName(i) + " of element " + qName
                            + " is longer than " + MAX_ATTRIBUTE_SIZE + " characters", locator);
                }
                count(atts.getURI(i), atts.getLocalName(i));
            }
            super.startElement(uri, localName, qName, atts);
        }

        @Override
        public void processingInstruction(String target, String data) throws SAXException {
            count("", target);
            super.processingInstruction(target, data);
        }

        private void count(String uri, String localName) throws SAXParseException {
            if (namesByNamespace.computeIfAbsent(uri, any -> new HashSet<>()).add(localName)
                    && ++distinctNames > MAX_DISTINCT_NAMES) {
                throw new SAXParseException("The document uses more than " + MAX_DISTINCT_NAMES
                        + " distinct names of elements, attributes and processing instructions", locator);
            }
        }
    }
}
