package de.amtsbote.xoev;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Hardened XML factories. Every document from outside the hub is parsed through these: no DTDs, no external
 * entities or schemas fetched, and limits on depth and attribute size (Woodstox, which CXF brings).
 */
public final class SecureXml {

    static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";

    private static final int MAX_ELEMENT_DEPTH = 200;
    private static final int MAX_ATTRIBUTES_PER_ELEMENT = 100;
    private static final int MAX_ATTRIBUTE_SIZE = 64 * 1024;

    // Configured once and only read afterwards; looking a factory up costs a class-path scan per call.
    private static final XMLInputFactory INPUT_FACTORY = newInputFactory();
    private static final SAXParserFactory SAX_PARSER_FACTORY = newSaxParserFactory();
    private static final DocumentBuilderFactory DOCUMENT_BUILDER_FACTORY = newDocumentBuilderFactory();

    private SecureXml() {
    }

    /** A shared StAX factory (thread-safe once configured). DOCTYPE declarations are rejected by the reader's user. */
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
        XMLInputFactory factory = XMLInputFactory.newInstance();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        setIfSupported(factory, "com.ctc.wstx.maxElementDepth", MAX_ELEMENT_DEPTH);
        setIfSupported(factory, "com.ctc.wstx.maxAttributesPerElement", MAX_ATTRIBUTES_PER_ELEMENT);
        setIfSupported(factory, "com.ctc.wstx.maxAttributeSize", MAX_ATTRIBUTE_SIZE);
        return factory;
    }

    private static void setIfSupported(XMLInputFactory factory, String property, Object value) {
        if (factory.isPropertySupported(property)) {
            factory.setProperty(property, value);
        }
    }

    /** A SAX reader for untrusted documents: DOCTYPE declarations are a fatal error, nothing external is loaded. */
    public static XMLReader xmlReader() {
        try {
            return SAX_PARSER_FACTORY.newSAXParser().getXMLReader();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("SAX parser does not support secure processing", e);
        }
    }

    /** A DOM builder for untrusted documents, with the same rules as {@link #xmlReader()}. */
    public static DocumentBuilder documentBuilder() {
        try {
            return DOCUMENT_BUILDER_FACTORY.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("DOM parser does not support secure processing", e);
        }
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
        } catch (SAXException e) {
            throw new IllegalStateException("XML schema factory does not support secure processing", e);
        }
        return factory;
    }
}
