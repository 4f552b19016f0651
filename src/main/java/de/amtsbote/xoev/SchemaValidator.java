package de.amtsbote.xoev;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.validation.Schema;
import javax.xml.validation.Validator;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Validates a message against a compiled schema. The schema is the connector's: {@code xsi:schemaLocation}
 * hints in the message are never followed. The message is parsed with {@link SecureXml}'s rules and limits: a
 * DOCTYPE, an XInclude element or a limit passed is a fatal error.
 */
public final class SchemaValidator {

    /** Enough to fix a message, not so many that a broken one floods the response. */
    static final int MAX_REPORTED = 20;

    private SchemaValidator() {
    }

    public static void validate(Schema schema, byte[] xml) {
        Collector collector = new Collector();
        try {
            Validator validator = SecureXml.validator(schema);
            validator.setErrorHandler(collector);
            validator.validate(SecureXml.source(xml));
        } catch (SAXParseException fatal) {
            // not well-formed, or refused by the parser (a DOCTYPE, a limit, XInclude): validation stops there
            throw new MalformedXmlException(List.of(new XmlProblem(fatal.getLineNumber(), fatal.getColumnNumber(),
                    fatal.getMessage())));
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("Schema validation could not run", e);
        }
        if (!collector.errors.isEmpty()) {
            throw new InvalidMessageException("The message does not match its schema", collector.errors);
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
