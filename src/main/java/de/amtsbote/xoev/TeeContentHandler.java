package de.amtsbote.xoev;

import java.util.function.BooleanSupplier;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;

/**
 * Hands every event of one parse to two handlers, in order: one parse feeds the schema validator and a tree. The
 * second hears of an event only while {@code secondWanted} holds after the first has seen it: the validator reports an
 * undeclared element or attribute while it takes its start tag, so the tree never meets a name the schema does not
 * know (Saxon keeps every name it meets for good, in a pool of limited size).
 */
final class TeeContentHandler implements ContentHandler {

    private final ContentHandler first;
    private final ContentHandler second;
    private final BooleanSupplier secondWanted;

    TeeContentHandler(ContentHandler first, ContentHandler second, BooleanSupplier secondWanted) {
        this.first = first;
        this.second = second;
        this.secondWanted = secondWanted;
    }

    @Override
    public void setDocumentLocator(Locator locator) {
        first.setDocumentLocator(locator);
        if (secondWanted.getAsBoolean()) {
            second.setDocumentLocator(locator);
        }
    }

    @Override
    public void startDocument() throws SAXException {
        first.startDocument();
        if (secondWanted.getAsBoolean()) {
            second.startDocument();
        }
    }

    @Override
    public void endDocument() throws SAXException {
        first.endDocument();
        if (secondWanted.getAsBoolean()) {
            second.endDocument();
        }
    }

    @Override
    public void startPrefixMapping(String prefix, String uri) throws SAXException {
        first.startPrefixMapping(prefix, uri);
        if (secondWanted.getAsBoolean()) {
            second.startPrefixMapping(prefix, uri);
        }
    }

    @Override
    public void endPrefixMapping(String prefix) throws SAXException {
        first.endPrefixMapping(prefix);
        if (secondWanted.getAsBoolean()) {
            second.endPrefixMapping(prefix);
        }
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        first.startElement(uri, localName, qName, atts);
        if (secondWanted.getAsBoolean()) {
            second.startElement(uri, localName, qName, atts);
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        first.endElement(uri, localName, qName);
        if (secondWanted.getAsBoolean()) {
            second.endElement(uri, localName, qName);
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        first.characters(ch, start, length);
        if (secondWanted.getAsBoolean()) {
            second.characters(ch, start, length);
        }
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        first.ignorableWhitespace(ch, start, length);
        if (secondWanted.getAsBoolean()) {
            second.ignorableWhitespace(ch, start, length);
        }
    }

    @Override
    public void processingInstruction(String target, String data) throws SAXException {
        first.processingInstruction(target, data);
        if (secondWanted.getAsBoolean()) {
            second.processingInstruction(target, data);
        }
    }

    @Override
    public void skippedEntity(String name) throws SAXException {
        first.skippedEntity(name);
        if (secondWanted.getAsBoolean()) {
            second.skippedEntity(name);
        }
    }
}
