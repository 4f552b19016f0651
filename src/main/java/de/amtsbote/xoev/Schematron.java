package de.amtsbote.xoev;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import javax.xml.transform.Source;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamSource;
import net.sf.saxon.Configuration;
import net.sf.saxon.lib.Feature;
import net.sf.saxon.lib.ResourceRequest;
import net.sf.saxon.lib.ResourceResolver;
import net.sf.saxon.s9api.BuildingContentHandler;
import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.QName;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XPathCompiler;
import net.sf.saxon.s9api.XdmAtomicValue;
import net.sf.saxon.s9api.XdmDestination;
import net.sf.saxon.s9api.XdmItem;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XdmNodeKind;
import net.sf.saxon.s9api.XdmValue;
import net.sf.saxon.s9api.XmlProcessingError;
import net.sf.saxon.s9api.Xslt30Transformer;
import net.sf.saxon.s9api.XsltCompiler;
import net.sf.saxon.s9api.XsltExecutable;
import net.sf.saxon.s9api.streams.Steps;
import net.sf.saxon.trans.XPathException;
import org.xml.sax.ContentHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * A standard's ISO Schematron rules (queryBinding xslt2 or xslt3), compiled once with SchXslt's XSLT 2.0 pipeline
 * (includes, abstract patterns and rules, {@code sch:extends}, {@code sch:let}; every phase: #ALL) into an XSLT
 * validator on Saxon-HE. Thread-safe: {@link #check(byte[])} only reads the compiled validator, except once after
 * the hub's Saxon configuration was renewed ({@link SaxonNames}): then the files are compiled anew.
 *
 * <p>Includes, and {@code xsl:include}/{@code xsl:import} in the Schematron, are read while compiling and only from
 * inside the allowed root. While checking a message the validator reads nothing: no {@code document()},
 * {@code doc()}, {@code unparsed-text()} or collections, no extension functions (as {@code Mapping} does).
 */
public final class Schematron {

    private static final String SVRL = "http://purl.oclc.org/dsdl/svrl";
    /** Roles that only inform (ISO Schematron leaves roles to the schema; these are the customary ones). */
    private static final Set<String> NOT_ERRORS = Set.of("warning", "info");

    /** SchXslt's XSLT 2.0 stylesheets in its jar, as {@code classpath:} URIs so that hrefs between them resolve. */
    private static final String SCHXSLT = "xslt/2.0/";
    private static final String CLASSPATH = "classpath:";
    private static final String PIPELINE = CLASSPATH + SCHXSLT + "pipeline-for-svrl.xsl";
    private static final Map<QName, XdmValue> PIPELINE_PARAMETERS = Map.of(
            new QName("phase"), new XdmAtomicValue("#ALL"),
            // no run-time metadata (processor name, time): nothing a problem report needs
            new QName("schxslt.compile.metadata"), new XdmAtomicValue(false),
            // only failed asserts and successful reports, not every fired rule
            new QName("schxslt.svrl.compact"), new XdmAtomicValue(true));

    private static volatile Saxon saxon = Saxon.create();
    /** Every compiled Schematron, so that a renewal lets go of the old configuration for the idle ones too. */
    private static final Set<Schematron> COMPILED = Collections.newSetFromMap(new WeakHashMap<>());

    private final Path file;
    private final InsideRoot inside;
    private volatile Compiled compiled;

    private Schematron(Path file, InsideRoot inside) throws TransformerConfigurationException {
        this.file = file;
        this.inside = inside;
        Saxon current = saxon();
        this.compiled = new Compiled(current, compileOn(current));
        synchronized (Schematron.class) {
            COMPILED.add(this);
        }
    }

    /**
     * Compiles a Schematron file that lies inside {@code allowedRoot}; its includes must lie there too.
     *
     * @throws TransformerConfigurationException naming the file, when it cannot be read or does not compile
     */
    public static Schematron compile(Path schFile, Path allowedRoot) throws TransformerConfigurationException {
        Path root = allowedRoot.toAbsolutePath().normalize();
        Path file = schFile.toAbsolutePath().normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            throw new TransformerConfigurationException("Schematron " + schFile + " not found inside " + root);
        }
        return new Schematron(file, new InsideRoot(root));
    }

    private XsltExecutable compileOn(Saxon on) throws TransformerConfigurationException {
        List<String> messages = new ArrayList<>();
        List<XmlProcessingError> errors = new ArrayList<>();
        try {
            Xslt30Transformer pipeline = on.pipeline().load30();
            pipeline.setStylesheetParameters(PIPELINE_PARAMETERS);
            pipeline.setResourceResolver(inside);
            pipeline.setMessageHandler(message -> messages.add(message.getStringValue().strip()));
            pipeline.setErrorReporter(errors::add);
            XdmDestination stylesheet = new XdmDestination();
            stylesheet.setBaseURI(file.toUri()); // relative hrefs of xsl:include/xsl:import copied from the Schematron
            pipeline.applyTemplates(inside.xml(file.toUri().toString()), stylesheet);

            XsltCompiler compiler = on.processor().newXsltCompiler();
            compiler.setResourceResolver(inside);
            compiler.setErrorList(errors);
            return compiler.compile(stylesheet.getXdmNode().asSource());
        } catch (SaxonApiException e) {
            // SchXslt reports a broken Schematron by xsl:message, Saxon a broken expression as an error
            List<String> reasons = new ArrayList<>(messages);
            reasons.add(errors.stream().filter(error -> !error.isWarning()).findFirst()
                    .map(XmlProcessingError::getMessage).orElse(e.getMessage()));
            throw new TransformerConfigurationException("Schematron " + file + " does not compile: "
                    + String.join("; ", reasons.stream().distinct().toList()), e);
        }
    }

    /**
     * The rules compiled on the configuration that built the message's tree (a compiled validator only reads trees
     * built by its own): after a move to a fresh configuration, compiled anew from the files, once. A tree built
     * before the move gets a copy of its own.
     */
    private XsltExecutable validatorOn(Saxon on) {
        Compiled current = compiled;
        if (current != null && current.saxon() == on) {
            return current.validator();
        }
        synchronized (this) {
            current = compiled;
            if (current == null || current.saxon() != on) {
                try {
                    current = new Compiled(on, compileOn(on));
                } catch (TransformerConfigurationException e) {
                    throw new IllegalStateException("Schematron " + file.getFileName() + " could not be compiled anew: "
                            + e.getMessage(), e);
                }
                if (on == saxon) {
                    compiled = current;
                }
            }
            return current.validator();
        }
    }

    /**
     * The message's breaches of the rules, ordered by position: every failed assert and successful report except
     * those whose role is {@code warning} or {@code info}. Each names its assert's {@code id} (when it has one) and
     * the line and column of the node the rule points at (for an element, where its start tag ends, as the schema
     * validator reports).
     *
     * @throws MalformedXmlException when the message is not well-formed or breaks {@link SecureXml}'s limits
     * @throws IllegalStateException when the validator fails, e.g. because a rule tries to read a document
     */
    public List<XmlProblem> check(byte[] xml) {
        Saxon on = saxon();
        return check(parse(on, xml), on);
    }

    /** As {@link #check(byte[])}, for a message whose tree was built while it was parsed for its schema. */
    public List<XmlProblem> check(Tree tree) {
        try {
            return check(tree.handler.getDocumentNode(), tree.saxon);
        } catch (SaxonApiException e) {
            throw new IllegalStateException("The message's tree was not built", e);
        }
    }

    private List<XmlProblem> check(XdmNode message, Saxon on) {
        XdmDestination report = new XdmDestination();
        try {
            Xslt30Transformer transformer = validatorOn(on).load30();
            transformer.setGlobalContextItem(message); // schema-level sch:let values are paths into the message
            transformer.applyTemplates(message, report);
        } catch (SaxonApiException e) {
            throw new IllegalStateException("Schematron " + file.getFileName() + " could not check the message: "
                    + e.getMessage(), e);
        }
        XPathCompiler locations = on.processor().newXPathCompiler();
        List<XmlProblem> problems = new ArrayList<>();
        report.getXdmNode().select(Steps.descendant().where(Schematron::isBreach)).forEach(breach -> {
            String role = breach.attribute("role");
            if (role == null || !NOT_ERRORS.contains(role.strip().toLowerCase(Locale.ROOT))) {
                problems.add(problem(breach, message, locations));
            }
        });
        problems.sort(Comparator.comparingInt(XmlProblem::line).thenComparingInt(XmlProblem::column));
        return List.copyOf(problems.subList(0, Math.min(problems.size(), SchemaValidator.MAX_REPORTED)));
    }

    /** @throws SchematronViolationException listing what {@link #check(byte[])} finds, when it finds anything */
    public void validate(byte[] xml) {
        refuseBreaches(check(xml));
    }

    /** @throws SchematronViolationException listing what {@link #check(Tree)} finds, when it finds anything */
    public void validate(Tree tree) {
        refuseBreaches(check(tree));
    }

    private static void refuseBreaches(List<XmlProblem> problems) {
        if (!problems.isEmpty()) {
            throw new SchematronViolationException(problems);
        }
    }

    /**
     * A message's tree, built from the SAX events of a parse that another reader drives ({@link #handler()}); the
     * tree numbers lines as {@link #check(byte[])}'s own parse does. One per message.
     */
    public static final class Tree {

        private final BuildingContentHandler handler;
        private final Saxon saxon;

        private Tree(BuildingContentHandler handler, Saxon saxon) {
            this.handler = handler;
            this.saxon = saxon;
        }

        /** Also a {@link org.xml.sax.ext.LexicalHandler}, for the message's comments. */
        public ContentHandler handler() {
            return handler;
        }
    }

    /** A tree to be built for {@link #check(Tree)}. */
    public static Tree tree() {
        Saxon on = saxon();
        DocumentBuilder builder = on.processor().newDocumentBuilder();
        builder.setLineNumbering(true);
        try {
            return new Tree(builder.newBuildingContentHandler(), on);
        } catch (SaxonApiException e) {
            throw new IllegalStateException("Saxon cannot build a tree from SAX events", e);
        }
    }

    private static XdmNode parse(Saxon on, byte[] xml) {
        DocumentBuilder builder = on.processor().newDocumentBuilder();
        builder.setLineNumbering(true);
        try {
            return builder.build(SecureXml.source(xml));
        } catch (SaxonApiException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SAXParseException parse) {
                    throw new MalformedXmlException(List.of(new XmlProblem(parse.getLineNumber(), parse.getColumnNumber(),
                            parse.getMessage())));
                }
            }
            throw new MalformedXmlException(List.of(new XmlProblem(-1, -1, e.getMessage())));
        }
    }

    private static boolean isBreach(XdmNode node) {
        if (node.getNodeKind() != XdmNodeKind.ELEMENT || !SVRL.equals(node.getNodeName().getNamespaceURI())) {
            return false;
        }
        String name = node.getNodeName().getLocalName();
        return name.equals("failed-assert") || name.equals("successful-report");
    }

    private static XmlProblem problem(XdmNode breach, XdmNode message, XPathCompiler locations) {
        String text = breach.select(Steps.child(SVRL, "text")).asString().replaceAll("\\s+", " ").strip();
        if (text.isEmpty()) {
            text = breach.attribute("test");
        }
        String id = breach.attribute("id");
        String described = id == null || id.isBlank() ? text : id.strip() + ": " + text;
        XdmNode node = locate(breach.attribute("location"), message, locations);
        // attributes and text nodes carry no position of their own: their element's
        while (node != null && node.getLineNumber() <= 0) {
            node = node.getParent();
        }
        return node == null ? new XmlProblem(-1, -1, described)
                : new XmlProblem(node.getLineNumber(), node.getColumnNumber(), described);
    }

    /** SVRL gives a node as an XPath with EQNames ({@code /Q{ns}a[1]/Q{}b[2]}); it is evaluated on the message. */
    private static XdmNode locate(String location, XdmNode message, XPathCompiler locations) {
        if (location == null) {
            return null;
        }
        try {
            XdmItem item = locations.evaluateSingle(location, message);
            return item instanceof XdmNode node ? node : null;
        } catch (SaxonApiException e) {
            return null; // a location the compiled rules wrote in a form of their own: reported without a position
        }
    }

    /**
     * The configuration that compiles the rules and builds the trees they check, until its name pool is crowded
     * ({@link SaxonNames}); then a fresh one.
     */
    private static Saxon saxon() {
        Saxon current = saxon;
        if (!SaxonNames.crowded(current.processor().getUnderlyingConfiguration())) {
            return current;
        }
        synchronized (Schematron.class) {
            if (saxon == current) {
                saxon = Saxon.create();
                COMPILED.forEach(schematron -> schematron.compiled = null); // each compiles anew when next used
            }
            return saxon;
        }
    }

    /** One Saxon configuration, with SchXslt's pipeline compiled on it. */
    private record Saxon(Processor processor, XsltExecutable pipeline) {

        static Saxon create() {
            Processor processor = newProcessor();
            return new Saxon(processor, compilePipeline(processor));
        }
    }

    /** The rules as compiled on one configuration. */
    private record Compiled(Saxon saxon, XsltExecutable validator) {
    }

    /**
     * Without a resolver of the compiling call's own, nothing is read: that is the case while a message is
     * checked.
     */
    private static Processor newProcessor() {
        Processor processor = new Processor(false);
        Configuration configuration = processor.getUnderlyingConfiguration();
        // also switches off system-property(), environment-variable() and xsl:result-document to a URI
        configuration.setBooleanProperty(Feature.ALLOW_EXTERNAL_FUNCTIONS, false);
        configuration.setResourceResolver(request -> {
            throw new XPathException("Schematron rules may not read documents: " + request.uri);
        });
        // unparsed-text() and its kin do not ask the resource resolver
        configuration.setUnparsedTextURIResolver((uri, encoding, config) -> {
            throw new XPathException("Schematron rules may not read documents: " + uri);
        });
        configuration.setCollectionFinder((context, uri) -> {
            throw new XPathException("Schematron rules may not read collections: " + uri);
        });
        // every error comes back as an exception (or in the compiling call's list); Saxon would print it to stderr too
        configuration.setErrorReporterFactory(config -> error -> {
        });
        return processor;
    }

    private static XsltExecutable compilePipeline(Processor processor) {
        XsltCompiler compiler = processor.newXsltCompiler();
        compiler.setResourceResolver(request -> schxslt(request.uri));
        try {
            return compiler.compile(schxslt(PIPELINE));
        } catch (SaxonApiException | XPathException e) {
            throw new IllegalStateException("SchXslt's pipeline " + PIPELINE + " does not compile", e);
        }
    }

    /** SchXslt's own stylesheets, from its jar; nothing else. */
    private static Source schxslt(String uri) throws XPathException {
        // Saxon writes resolved classpath: URIs without the leading slash
        String path = uri == null || !uri.startsWith(CLASSPATH) ? "" : uri.substring(CLASSPATH.length()).replaceFirst("^/", "");
        if (path.startsWith(SCHXSLT) && !path.contains("..")) {
            InputStream stylesheet = Schematron.class.getClassLoader().getResourceAsStream(path);
            if (stylesheet != null) {
                return new StreamSource(stylesheet, uri);
            }
        }
        throw new XPathException("SchXslt's pipeline may only read its own stylesheets, not " + uri);
    }

    /** Resolves only to files inside the allowed root, parsed like a message. */
    private record InsideRoot(Path root) implements ResourceResolver {

        @Override
        public Source resolve(ResourceRequest request) throws XPathException {
            if (request.uri != null) {
                try {
                    URI target = URI.create(request.uri);
                    if ("file".equals(target.getScheme()) && Path.of(target).normalize().startsWith(root)) {
                        return xml(Path.of(target).normalize().toUri().toString());
                    }
                } catch (IllegalArgumentException malformed) {
                    // refused like any other URI outside the root
                }
            }
            throw new XPathException("A Schematron may only include files inside " + root + ", not " + request.uri);
        }

        Source xml(String uri) {
            return new SAXSource(SecureXml.xmlReader(), new InputSource(uri));
        }
    }
}
