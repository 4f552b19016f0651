package de.amtsbote.xoev;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.Validator;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Validates a message against a compiled schema. The schema is the connector's: {@code xsi:schemaLocation}
 * hints in the message are never followed, and a DOCTYPE is a fatal error.
 */
public final class SchemaValidator {

    /** Enough to fix a message, not so many that a broken one floods the response. */
    private static final int MAX_REPORTED = 20;

    private SchemaValidator() {
    }

    public static void validate(Schema schema, byte[] xml) {
        Collector collector = new Collector();
        try {
            Validator validator = schema.newValidator();
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setFeature(SecureXml.DISALLOW_DOCTYPE, true);
            validator.setErrorHandler(collector);
            validator.validate(new StreamSource(new ByteArrayInputStream(xml)));
        } catch (SAXParseException fatal) {
            // the collector has it already
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("Schema validation could not run", e);
        }
        if (collector.fatal != null) {
            throw new MalformedXmlException(List.of(collector.fatal));
        }
        if (!collector.errors.isEmpty()) {
            throw new InvalidMessageException("The message does not match its schema", collector.errors);
        }
    }

    private static final class Collector implements ErrorHandler {
        private final List<XmlProblem> errors = new ArrayList<>();
        private XmlProblem fatal;

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
            fatal = new XmlProblem(e.getLineNumber(), e.getColumnNumber(), e.getMessage());
            throw e;
        }
    }
}
