package de.amtsbote.connectors;

import de.amtsbote.xoev.SaxonNames;
import de.amtsbote.xoev.SecureXml;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.xml.transform.Source;
import javax.xml.transform.Templates;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import net.sf.saxon.Configuration;
import net.sf.saxon.TransformerFactoryImpl;
import net.sf.saxon.lib.Feature;
import net.sf.saxon.lib.ResourceRequest;
import net.sf.saxon.lib.ResourceResolver;
import net.sf.saxon.lib.UnparsedTextURIResolver;
import net.sf.saxon.trans.XPathException;
import org.xml.sax.InputSource;

/**
 * A connector's XSLT mapping (XSLT 3 on Saxon-HE), compiled once (and anew after very many names: {@link SaxonNames}).
 * The stylesheet and whatever it reads, when compiled or while mapping, must be files of its own connector folder: a
 * stylesheet that follows a URI from the message ({@code document(@href)}, {@code unparsed-text(@href)}) cannot make
 * the hub fetch anything. No extension functions, system properties, environment variables, collections or
 * {@code xsl:result-document} files.
 */
public final class Mapping {

    private final Path file;
    private volatile Compiled compiled;

    private Mapping(Path file) throws TransformerConfigurationException {
        this.file = file;
        this.compiled = compileOnFreshConfiguration(file);
    }

    public static Mapping compile(Path stylesheet) throws TransformerConfigurationException {
        return new Mapping(stylesheet);
    }

    /** The stylesheet, compiled on a Saxon configuration of its own. */
    private record Compiled(Configuration configuration, Templates templates) {
    }

    private static Compiled compileOnFreshConfiguration(Path stylesheet) throws TransformerConfigurationException {
        ConnectorFolder folder = new ConnectorFolder(stylesheet.toAbsolutePath().getParent().normalize());
        TransformerFactoryImpl factory = new TransformerFactoryImpl();
        Configuration configuration = factory.getConfiguration();
        // also switches off system-property(), environment-variable() and xsl:result-document to a URI
        configuration.setBooleanProperty(Feature.ALLOW_EXTERNAL_FUNCTIONS, false);
        // includes and imports, document() and doc()
        configuration.setResourceResolver(folder);
        // unparsed-text() and its kin (json-doc()) do not ask the resource resolver: without this they fetch URLs
        configuration.setUnparsedTextURIResolver(folder);
        configuration.setCollectionFinder((context, uri) -> {
            throw new XPathException("A mapping may not read collections: " + uri);
        });
        return new Compiled(configuration, factory.newTemplates(new StreamSource(stylesheet.toFile())));
    }

    /**
     * The compiled stylesheet; compiled anew from its file, once, on a fresh configuration when the name pool of
     * its own is crowded ({@link SaxonNames}). Mappings in progress finish on the configuration they began on.
     */
    private Templates templates() throws TransformerConfigurationException {
        Compiled current = compiled;
        if (SaxonNames.crowded(current.configuration())) {
            synchronized (this) {
                if (compiled == current) {
                    compiled = compileOnFreshConfiguration(file);
                }
                current = compiled;
            }
        }
        return current.templates();
    }

    public Path file() {
        return file;
    }

    /**
     * Maps a message, serialized as the stylesheet's {@code xsl:output} says (XML, or JSON from a map); the
     * parameters become the stylesheet's global parameters of the same names.
     */
    public byte[] apply(byte[] message, Map<String, String> parameters) throws TransformerException {
        Transformer transformer = templates().newTransformer();
        parameters.forEach(transformer::setParameter);
        ByteArrayOutputStream result = new ByteArrayOutputStream(message.length + 1024);
        transformer.transform(SecureXml.source(message), new StreamResult(result));
        if (result.size() == 0) {
            throw new TransformerException("The mapping " + file.getFileName() + " produced nothing");
        }
        return result.toByteArray();
    }

    /** Resolves a URI only to a file inside the connector folder; XML read there is parsed like a message. */
    private record ConnectorFolder(Path folder) implements ResourceResolver, UnparsedTextURIResolver {

        @Override
        public Source resolve(ResourceRequest request) throws XPathException {
            Path target = inside(request.uri);
            String uri = target.toUri().toString();
            boolean xml = ResourceRequest.XML_NATURE.equals(request.nature) || ResourceRequest.XSLT_NATURE.equals(request.nature);
            return xml ? new SAXSource(SecureXml.xmlReader(), new InputSource(uri)) : new StreamSource(uri);
        }

        @Override
        public Reader resolve(URI uri, String encoding, Configuration configuration) throws XPathException {
            Path target = inside(uri == null ? null : uri.toString());
            try {
                return Files.newBufferedReader(target, encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding));
            } catch (IOException | IllegalArgumentException e) {
                throw new XPathException("A mapping could not read " + uri + ": " + e.getMessage());
            }
        }

        private Path inside(String uri) throws XPathException {
            if (uri != null) {
                try {
                    URI target = URI.create(uri);
                    if ("file".equals(target.getScheme())) {
                        Path file = Path.of(target).normalize();
                        if (file.startsWith(folder)) {
                            return file;
                        }
                    }
                } catch (IllegalArgumentException malformed) {
                    // refused like any other URI outside the folder
                }
            }
            throw new XPathException("A mapping may only read files of its own folder, not " + uri);
        }
    }
}
