package de.amtsbote.xoev;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;
import org.xml.sax.ContentHandler;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.ext.LexicalHandler;

/**
 * Validates a message against a compiled schema, and its code values against code lists in the same pass. The
 * schema is the connector's: {@code xsi:schemaLocation} hints in the message are never followed. The message is
 * parsed with {@link SecureXml}'s rules and limits: a DOCTYPE, an XInclude element or a limit passed is a fatal error.
 */
public final class SchemaValidator {

    /** Enough to fix a message, not so many that a broken one floods the response. */
    static final int MAX_REPORTED = 20;
    private static final String LEXICAL_HANDLER = "http://xml.org/sax/properties/lexical-handler";

    private SchemaValidator() {
    }

    public static void validate(Schema schema, byte[] xml) {
        validate(schema, CodeLists.none(), xml);
    }

    /**
     * The code lists see the message as the schema completed it: the JDK's {@link ValidatorHandler} hands its
     * content handler the attributes with the schema's default and fixed values added (a {@code listURI} fixed by
     * the schema counts though the message leaves it out), and passes the parser's locator on.
     *
     * @throws MalformedXmlException  when the message is not well-formed or breaks a limit
     * @throws InvalidMessageException when it breaks its schema (schema errors first, then any code problems)
     * @throws UnknownCodeException   when it matches its schema but uses unknown codes or code list versions
     */
    public static void validate(Schema schema, CodeLists codeLists, byte[] xml) {
        validate(schema, codeLists, xml, null);
    }

    /**
     * As {@link #validate(Schema, CodeLists, byte[])}, and the same parse also feeds {@code alongside} (when not
     * null) with the message as it came, before the schema adds anything: the Schematron's tree needs no parse of its
     * own. Comments reach it too when it is a {@link LexicalHandler}. It hears nothing more from the first schema error
     * on, so it meets only the names the schema allows.
     */
    public static void validate(Schema schema, CodeLists codeLists, byte[] xml, ContentHandler alongside) {
        Collector collector = new Collector();
        CodeLists.Check codes = codeLists.check();
        try {
            ValidatorHandler validator = SecureXml.validatorHandler(schema);
            validator.setErrorHandler(collector);
            validator.setContentHandler(codes);
            XMLReader reader = SecureXml.xmlReader();
            reader.setErrorHandler(collector); // as Validator.validate(SAXSource) does with the parser's own errors
            if (alongside == null) {
                reader.setContentHandler(validator);
            } else {
                reader.setContentHandler(new TeeContentHandler(validator, alongside, collector.errors::isEmpty));
                if (alongside instanceof LexicalHandler comments) {
                    reader.setProperty(LEXICAL_HANDLER, comments);
                }
            }
            reader.parse(new InputSource(new ByteArrayInputStream(xml)));
        } catch (SAXParseException fatal) {
            // not well-formed, or refused by the parser (a DOCTYPE, a limit, XInclude): validation stops there
            throw new MalformedXmlException(List.of(new XmlProblem(fatal.getLineNumber(), fatal.getColumnNumber(),
                    fatal.getMessage())));
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("Schema validation could not run", e);
        }
        if (!collector.errors.isEmpty()) {
            List<XmlProblem> problems = new ArrayList<>(collector.errors);
            problems.addAll(codes.problems());
            throw new InvalidMessageException("The message does not match its schema",
                    problems.subList(0, Math.min(problems.size(), MAX_REPORTED)));
        }
        if (!codes.problems().isEmpty()) {
            throw new UnknownCodeException(codes.problems());
        }
    }

    private static final class Collector implements ErrorHandler {
        private final List<XmlProblem> errors = new ArrayList<>();

        @Override
        public void warning(SAXParseException e) {
            // warnings do not make a message invalid
        }

        @Override
        public void error(SAXParseException e) {
            if (errors.size() < MAX_REPORTED) {
                errors.add(new XmlProblem(e.getLineNumber(), e.getColumnNumber(), e.getMessage()));
            }
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            throw e; // validate() reports it
        }
    }
}
