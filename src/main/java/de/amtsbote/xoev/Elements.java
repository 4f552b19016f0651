package de.amtsbote.xoev;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** DOM reading the hub needs on small documents (SOAP payloads), by local name. */
public final class Elements {

    private Elements() {
    }

    /** The trimmed text of the first child element with this local name, or null. */
    public static String childText(Element parent, String localName) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName.equals(element.getLocalName())) {
                return element.getTextContent().strip();
            }
        }
        return null;
    }
}
