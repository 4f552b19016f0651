package de.amtsbote.xoev;

import java.util.List;
import javax.xml.namespace.QName;

/**
 * Where one XÖV standard keeps its message header: configured per standard and version (files under
 * {@code routes/standards/}), because XBau, XBeteiligung, XPersonenstand, xdomea and XJustiz all differ.
 *
 * <p>The header is a child of the root element named {@link #header()} ({@code {namespace}local} when it
 * is qualified). Paths are element local names separated by {@code /}, relative to the header element.
 *
 * @param namespaces root element namespaces this profile reads (a standard's version has its own namespace)
 */
public record HeaderProfile(String id, String standard, String version, List<String> namespaces,
                            String header, Paths paths, PartyPaths party) {

    public record Paths(String messageId, String messageType, String createdAt, String author, String reader) {
    }

    /** Paths inside an author or reader element. */
    public record PartyPaths(String directory, String id, String name) {
    }

    public QName headerName() {
        return QName.valueOf(header);
    }
}
