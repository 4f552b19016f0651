package de.amtsbote.xoev;

import javax.xml.namespace.QName;

/** No header profile or connector takes messages with this root element. */
public class UnsupportedMessageException extends RuntimeException {

    private final QName root;

    public UnsupportedMessageException(QName root, String message) {
        super(message);
        this.root = root;
    }

    public QName root() {
        return root;
    }
}
