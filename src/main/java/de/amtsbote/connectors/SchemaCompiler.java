package de.amtsbote.connectors;

import de.amtsbote.xoev.SecureXml;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.SAXException;

/**
 * Compiles XSD sets from {@code schemas/} once and keeps them. Every import and include must resolve to a file
 * inside {@code schemas/}: the hub never fetches a schema from the network.
 */
class SchemaCompiler {

    private final Path root;
    private final Map<Path, Schema> compiled = new ConcurrentHashMap<>();

    SchemaCompiler(Path schemasRoot) {
        this.root = schemasRoot.toAbsolutePath().normalize();
    }

    /** The compiled schema for a path relative to {@code schemas/}; a problem names the file that caused it. */
    Schema schema(String relativePath) throws SAXException {
        Path file = root.resolve(relativePath).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            throw new SAXException("schema file " + relativePath + " not found under " + root);
        }
        Schema schema = compiled.get(file);
        if (schema == null) {
            schema = compile(file);
            compiled.put(file, schema);
        }
        return schema;
    }

    private Schema compile(Path file) throws SAXException {
        SchemaFactory factory = SecureXml.schemaFactory();
        factory.setResourceResolver(new InsideRoot());
        try {
            return factory.newSchema(new StreamSource(file.toFile()));
        } catch (UncheckedIOException e) {
            throw new SAXException(e.getCause().getMessage(), e.getCause());
        }
    }

    private final class InsideRoot implements LSResourceResolver {
        @Override
        public LSInput resolveResource(String type, String namespace, String publicId, String systemId, String baseUri) {
            if (systemId == null) {
                return null; // an import without schemaLocation: the namespace must come from another file
            }
            URI target = baseUri == null ? URI.create(systemId) : URI.create(baseUri).resolve(systemId);
            if (!"file".equals(target.getScheme())) {
                throw new UncheckedIOException(new IOException("schema import " + systemId + " (from " + baseUri
                        + ") is not a file inside " + root + "; the hub does not fetch schemas"));
            }
            Path file = Path.of(target).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                throw new UncheckedIOException(new IOException("schema import " + systemId + " (from " + baseUri
                        + ") not found inside " + root));
            }
            return new FileInput(publicId, file.toUri().toString(), baseUri, file);
        }
    }

    /** The few LSInput members the JDK's schema loader reads. */
    private record FileInput(String publicId, String systemId, String baseUri, Path file) implements LSInput {
        @Override public String getPublicId() { return publicId; }
        @Override public String getSystemId() { return systemId; }
        @Override public String getBaseURI() { return baseUri; }
        @Override public InputStream getByteStream() {
            try {
                return Files.newInputStream(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        @Override public Reader getCharacterStream() { return null; }
        @Override public String getStringData() { return null; }
        @Override public String getEncoding() { return null; }
        @Override public boolean getCertifiedText() { return false; }
        @Override public void setCharacterStream(Reader characterStream) { throw new UnsupportedOperationException(); }
        @Override public void setByteStream(InputStream byteStream) { throw new UnsupportedOperationException(); }
        @Override public void setStringData(String stringData) { throw new UnsupportedOperationException(); }
        @Override public void setSystemId(String systemId) { throw new UnsupportedOperationException(); }
        @Override public void setPublicId(String publicId) { throw new UnsupportedOperationException(); }
        @Override public void setBaseURI(String baseURI) { throw new UnsupportedOperationException(); }
        @Override public void setEncoding(String encoding) { throw new UnsupportedOperationException(); }
        @Override public void setCertifiedText(boolean certifiedText) { throw new UnsupportedOperationException(); }
    }
}
