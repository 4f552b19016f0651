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

    @FunctionalInterface
    private interface Event {
        void to(ContentHandler handler) throws SAXException;
    }

    private void tell(Event event) throws SAXException {
        event.to(first);
        if (secondWanted.getAsBoolean()) {
            event.to(second);
        }
    }

    @Override
    public void setDocumentLocator(Locator locator) {
        first.setDocumentLocator(locator);
        second.setDocumentLocator(locator);
    }

    @Override
    public void startDocument() throws SAXException {
        tell(ContentHandler::startDocument);
    }

    @Override
    public void endDocument() throws SAXException {
        tell(ContentHandler::endDocument);
    }

    @Override
    public void startPrefixMapping(String prefix, String uri) throws SAXException {
        tell(handler -> handler.startPrefixMapping(prefix, uri));
    }

    @Override
    public void endPrefixMapping(String prefix) throws SAXException {
        tell(handler -> handler.endPrefixMapping(prefix));
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        tell(handler -> handler.startElement(uri, localName, qName, atts));
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        tell(handler -> handler.endElement(uri, localName, qName));
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        tell(handler -> handler.characters(ch, start, length));
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        tell(handler -> handler.ignorableWhitespace(ch, start, length));
    }

    @Override
    public void processingInstruction(String target, String data) throws SAXException {
        tell(handler -> handler.processingInstruction(target, data));
    }

    @Override
    public void skippedEntity(String name) throws SAXException {
        tell(handler -> handler.skippedEntity(name));
    }
}
