package de.amtsbote.connectors;

import de.amtsbote.xoev.SecureXml;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.catalog.CatalogException;
import javax.xml.catalog.CatalogFeatures;
import javax.xml.catalog.CatalogManager;
import javax.xml.catalog.CatalogResolver;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Compiles XSD sets from {@code schemas/} once and keeps them. Every import and include must resolve to a file
 * inside {@code schemas/}: the hub never fetches a schema from the network.
 *
 * <p>Official XÖV sets import each other by {@code http(s)} URL. An OASIS XML catalog {@code schemas/catalog.xml}
 * (optional; {@code nextCatalog} entries let a standard dropped into a sub-folder bring its own) maps those to
 * files. An import or include is looked up in this order: the catalog by its {@code schemaLocation}
 * ({@code system}, {@code rewriteSystem}, {@code systemSuffix}, {@code uri}, {@code rewriteURI} ... entries), the
 * catalog by namespace ({@code uri name="<namespace>"}; imports only, also those without {@code schemaLocation}),
 * then the {@code schemaLocation} as a path relative to the referencing file. Anything else fails compilation,
 * naming the referencing file and the location.
 */
class SchemaCompiler {

    private static final String CATALOG = "catalog.xml";

    /**
     * strict: no match is an error rather than "use the URL as it is"; the lookup order above catches it and moves
     * on. Not deferred: every nextCatalog is read when the catalog is first needed, at startup.
     */
    private static final CatalogFeatures CATALOG_FEATURES = CatalogFeatures.builder()
            .with(CatalogFeatures.Feature.RESOLVE, "strict")
            .with(CatalogFeatures.Feature.DEFER, "false")
            .build();

    /**
     * The JDK's schema loader only warns when a referenced schema file cannot be read (schema_reference.4) and
     * goes on without it; a set missing a part must not compile.
     */
    private static final ErrorHandler FAIL_ON_WARNINGS = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) throws SAXParseException {
            throw e;
        }

        @Override
        public void error(SAXParseException e) throws SAXParseException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            throw e;
        }
    };

    private final Path root;
    private final Map<Path, Schema> compiled = new HashMap<>();
    /** targetNamespace of each schema file that referenced another one: tells an include from an import. */
    private final Map<Path, String> targetNamespaces = new HashMap<>();
    private CatalogResolver catalog;
    private boolean catalogRead;

    SchemaCompiler(Path schemasRoot) {
        this.root = schemasRoot.toAbsolutePath().normalize();
    }

    /**
     * The compiled schema for a path relative to {@code schemas/}; a problem names the file that caused it.
     * Synchronized: the JDK's catalog resolver keeps state while it searches, and compiling happens at startup.
     */
    synchronized Schema schema(String relativePath) throws SAXException {
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
        factory.setResourceResolver(new InsideRoot(catalog()));
        factory.setErrorHandler(FAIL_ON_WARNINGS);
        try {
            return factory.newSchema(new StreamSource(file.toFile()));
        } catch (UncheckedIOException e) {
            throw new SAXException(e.getCause().getMessage(), e.getCause());
        } catch (SAXParseException e) {
            // the problem may sit in any file of the set, which the loader's message does not name
            throw new SAXException(where(e) + ": " + e.getMessage(), e);
        }
    }

    private String where(SAXParseException e) {
        Path file = e.getSystemId() == null ? null : fileOf(URI.create(e.getSystemId()));
        return (file == null ? String.valueOf(e.getSystemId()) : name(file)) + ":" + e.getLineNumber() + ":" + e.getColumnNumber();
    }

    /** A file as the deployer knows it: relative to {@code schemas/}. */
    private String name(Path file) {
        return file == null ? "(unknown)" : file.startsWith(root) ? root.relativize(file).toString() : file.toString();
    }

    /** {@code schemas/catalog.xml}, read once; null when there is none. */
    private CatalogResolver catalog() throws SAXException {
        if (!catalogRead) {
            Path file = root.resolve(CATALOG);
            if (Files.isRegularFile(file)) {
                try {
                    catalog = CatalogManager.catalogResolver(CATALOG_FEATURES, file.toUri());
                } catch (CatalogException | IllegalArgumentException e) {
                    throw new SAXException("XML catalog " + file + " cannot be read: " + e.getMessage(), e);
                }
            }
            catalogRead = true;
        }
        return catalog;
    }

    private final class InsideRoot implements LSResourceResolver {

        private final CatalogResolver catalog;

        InsideRoot(CatalogResolver catalog) {
            this.catalog = catalog;
        }

        @Override
        public LSInput resolveResource(String type, String namespace, String publicId, String systemId, String baseUri) {
            if (XMLConstants.XML_DTD_NS_URI.equals(type)) {
                // a DOCTYPE in a schema file (older copies of xml.xsd, xmldsig-core-schema.xsd): its external DTD only
                // serves DTD validation, which compiling a schema never does; the internal subset is still read
                return Input.empty(publicId, systemId, baseUri);
            }
            Path referrer = baseUri == null ? null : fileOf(URI.create(baseUri));
            Path file = locate(namespace, systemId, referrer);
            return file == null ? null : Input.of(publicId, file, baseUri);
        }

        private Path locate(String namespace, String location, Path referrer) {
            URI target = null;
            if (location != null) {
                try {
                    target = referrer == null ? URI.create(location) : referrer.toUri().resolve(location);
                } catch (IllegalArgumentException e) {
                    throw refused("schema " + name(referrer) + " refers to " + location + ", which is not a valid URI");
                }
                String mapped = lookUp(target.toString());
                if (mapped != null) {
                    return mappedFile(location, mapped, referrer);
                }
            }
            if (namespace != null && isImport(namespace, referrer)) {
                String mapped = lookUp(namespace);
                if (mapped != null) {
                    return mappedFile(namespace, mapped, referrer);
                }
            }
            if (location == null) {
                return null; // an import of a namespace only: its components must come from another file of the set
            }
            Path file = fileOf(target);
            if (file == null || !file.startsWith(root)) {
                throw refused("schema " + name(referrer) + " refers to " + location + ", which is not a file inside "
                        + root + " and has no entry in " + CATALOG + "; the hub does not fetch schemas");
            }
            if (!Files.isRegularFile(file)) {
                throw refused("schema " + name(referrer) + " refers to " + location + ", which is not found inside " + root);
            }
            return file;
        }

        /** The catalog's answer for a location or namespace, or null when it has no entry (or there is no catalog). */
        private String lookUp(String reference) {
            if (catalog == null) {
                return null;
            }
            try {
                // as a URI this searches system and uri entries (and their rewrite and suffix forms), also in nextCatalogs
                return catalog.resolve(reference, null).getSystemId();
            } catch (CatalogException noMatch) {
                return null;
            }
        }

        private Path mappedFile(String reference, String mapped, Path referrer) {
            Path file = fileOf(URI.create(mapped));
            if (file == null || !file.startsWith(root)) {
                throw refused("schema " + name(referrer) + " refers to " + reference + ", which the catalog maps to "
                        + mapped + ": not a file inside " + root + "; the hub does not fetch schemas");
            }
            if (!Files.isRegularFile(file)) {
                throw refused("schema " + name(referrer) + " refers to " + reference + ", which the catalog maps to "
                        + name(file) + ": file not found");
            }
            return file;
        }

        /**
         * The schema loader passes the including file's own targetNamespace for an include, the imported one for an
         * import; an import's namespace always differs from the importer's (XSD 1.0, 4.2.3).
         */
        private boolean isImport(String namespace, Path referrer) {
            return referrer == null || !namespace.equals(targetNamespaces.computeIfAbsent(referrer, SchemaCompiler::targetNamespace));
        }
    }

    private static Path fileOf(URI uri) {
        return "file".equals(uri.getScheme()) ? Path.of(uri).normalize() : null;
    }

    private static String targetNamespace(Path schemaFile) {
        try (InputStream in = Files.newInputStream(schemaFile)) {
            XMLStreamReader reader = SecureXml.inputFactory().createXMLStreamReader(in);
            try {
                while (reader.next() != XMLStreamConstants.START_ELEMENT) {
                    // prolog: comments, processing instructions, a DOCTYPE (not read)
                }
                String namespace = reader.getAttributeValue(null, "targetNamespace");
                return namespace == null ? "" : namespace;
            } finally {
                reader.close();
            }
        } catch (IOException | XMLStreamException e) {
            throw refused("schema " + schemaFile + " cannot be read: " + e.getMessage());
        }
    }

    private static UncheckedIOException refused(String message) {
        return new UncheckedIOException(new IOException(message));
    }

    /** The few LSInput members the JDK's schema loader reads: a file's bytes, or an empty document. */
    private record Input(String publicId, String systemId, String baseUri, Path file) implements LSInput {

        static Input of(String publicId, Path file, String baseUri) {
            return new Input(publicId, file.toUri().toString(), baseUri, file);
        }

        static Input empty(String publicId, String systemId, String baseUri) {
            return new Input(publicId, systemId, baseUri, null);
        }

        @Override public String getPublicId() { return publicId; }
        @Override public String getSystemId() { return systemId; }
        @Override public String getBaseURI() { return baseUri; }
        @Override public InputStream getByteStream() {
            if (file == null) {
                return null;
            }
            try {
                return Files.newInputStream(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        // the schema loader ignores empty string data and would open the system id: an empty reader instead
        @Override public Reader getCharacterStream() { return file == null ? new StringReader("") : null; }
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
