package de.amtsbote.connectors;

import de.amtsbote.xoev.SecureXml;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import javax.xml.transform.Source;
import javax.xml.transform.Templates;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.URIResolver;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamSource;
import net.sf.saxon.TransformerFactoryImpl;
import net.sf.saxon.lib.Feature;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * A connector's XSLT mapping (XSLT 3 on Saxon-HE), compiled once. The stylesheet may include files of its own
 * connector folder; at run time it reads nothing but the message (no {@code document()}, no extension functions).
 */
public final class Mapping {

    private static final URIResolver NOTHING = (href, base) -> {
        throw new TransformerException("A mapping may not read other documents: " + href);
    };

    private final Path file;
    private final Templates templates;

    private Mapping(Path file, Templates templates) {
        this.file = file;
        this.templates = templates;
    }

    public static Mapping compile(Path stylesheet) throws TransformerConfigurationException {
        Path folder = stylesheet.toAbsolutePath().getParent().normalize();
        TransformerFactory factory = new TransformerFactoryImpl();
        factory.setAttribute(Feature.ALLOW_EXTERNAL_FUNCTIONS.name, false);
        factory.setURIResolver((href, base) -> {
            Path included = Path.of(URI.create(base).resolve(href)).normalize();
            if (!included.startsWith(folder)) {
                throw new TransformerException("A mapping may only include files of its own folder: " + href);
            }
            return new StreamSource(included.toFile());
        });
        Templates templates = factory.newTemplates(new StreamSource(stylesheet.toFile()));
        return new Mapping(stylesheet, templates);
    }

    public Path file() {
        return file;
    }

    /** Maps a message; the parameters become the stylesheet's global parameters of the same names. */
    public Element apply(byte[] message, Map<String, String> parameters) throws TransformerException {
        Transformer transformer = templates.newTransformer();
        transformer.setURIResolver(NOTHING);
        parameters.forEach(transformer::setParameter);
        Source source = new SAXSource(SecureXml.xmlReader(), new InputSource(new ByteArrayInputStream(message)));
        Document result = SecureXml.documentBuilder().newDocument();
        transformer.transform(source, new DOMResult(result));
        Element root = result.getDocumentElement();
        if (root == null) {
            throw new TransformerException("The mapping " + file.getFileName() + " produced no element");
        }
        return root;
    }
}
