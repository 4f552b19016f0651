package de.amtsbote.xoev;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import net.sf.saxon.Configuration;
import net.sf.saxon.event.Builder;
import net.sf.saxon.event.NamespaceReducer;
import net.sf.saxon.event.PipelineConfiguration;
import net.sf.saxon.event.ReceivingContentHandler;
import net.sf.saxon.om.NodeInfo;
import net.sf.saxon.om.TreeModel;
import org.xml.sax.ContentHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Builds Saxon trees of messages for one Saxon configuration (a compiled stylesheet reads only trees of its own).
 *
 * <p>Why not Saxon's own parse: its SAX receiver remembers each name it met with the name's number in the
 * configuration's name pool, but it is made anew for every document, so each message asks the pool again for each of
 * its names. The pool answers one caller at a time, and under load every parsing thread queued there. Here each
 * thread keeps its receiver, and with it the names it has met.
 */
public final class SaxonTrees {

    static final String LEXICAL_HANDLER = "http://xml.org/sax/properties/lexical-handler";

    private final Configuration configuration;
    private final boolean lineNumbering;
    private final ThreadLocal<ReceivingContentHandler> receivers = ThreadLocal.withInitial(ReceivingContentHandler::new);

    /** @param lineNumbering whether the tree's nodes know their line and column (for problem reports) */
    public SaxonTrees(Configuration configuration, boolean lineNumbering) {
        this.configuration = configuration;
        this.lineNumbering = lineNumbering;
    }

    /**
     * A tree to be built from the SAX events of one document, which someone else's parse delivers to
     * {@link Tree#handler()}. On one thread, one tree at a time: the next {@code start()} there takes the handler over.
     */
    public Tree start() {
        PipelineConfiguration pipe = configuration.makePipelineConfiguration();
        Builder builder = TreeModel.TINY_TREE.makeBuilder(pipe);
        builder.setLineNumbering(lineNumbering);
        ReceivingContentHandler receiver = receivers.get();
        receiver.reset();
        receiver.setReceiver(new NamespaceReducer(builder));
        receiver.setPipelineConfiguration(pipe);
        return new Tree(receiver, builder);
    }

    /**
     * A message parsed by {@link SecureXml#xmlReader()}, with its rules and limits.
     *
     * @throws SAXException when it is not well-formed or breaks a limit ({@link org.xml.sax.SAXParseException})
     */
    public NodeInfo parse(byte[] xml) throws SAXException, IOException {
        Tree tree = start();
        XMLReader reader = SecureXml.xmlReader();
        reader.setContentHandler(tree.handler());
        reader.setProperty(LEXICAL_HANDLER, tree.handler());
        reader.parse(new InputSource(new ByteArrayInputStream(xml)));
        return tree.document();
    }

    /** One document's tree while it is built. */
    public static final class Tree {

        private final ReceivingContentHandler handler;
        private final Builder builder;

        private Tree(ReceivingContentHandler handler, Builder builder) {
            this.handler = handler;
            this.builder = builder;
        }

        /** Also a {@link org.xml.sax.ext.LexicalHandler}, for the document's comments. */
        public ContentHandler handler() {
            return handler;
        }

        /** The document, once its parse has ended. */
        public NodeInfo document() {
            return builder.getCurrentRoot();
        }
    }
}
