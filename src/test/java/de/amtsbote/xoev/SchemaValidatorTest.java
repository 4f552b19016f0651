package de.amtsbote.xoev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import org.junit.jupiter.api.Test;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The handler that the schema validation feeds alongside (the Schematron's tree) meets only what the schema allows:
 * from the first schema error on it hears nothing, so a message full of made-up names cannot fill Saxon's name pool.
 */
class SchemaValidatorTest {

    private static final String SCHEMA = """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:xoev-de:xdemo:1"
                       xmlns="urn:xoev-de:xdemo:1" elementFormDefault="qualified">
              <xs:element name="antrag"><xs:complexType><xs:sequence>
                <xs:element name="datum" type="xs:date"/>
                <xs:element name="name" type="xs:string" minOccurs="0"/>
              </xs:sequence></xs:complexType></xs:element>
            </xs:schema>""";

    private final List<String> heard = new ArrayList<>();
    private final DefaultHandler alongside = new DefaultHandler() {
        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            heard.add(localName);
        }
    };

    @Test
    void aValidMessageReachesTheHandlerAlongsideWhole() throws Exception {
        SchemaValidator.validate(schema(), CodeLists.none(), bytes("""
                <antrag xmlns="urn:xoev-de:xdemo:1"><datum>2026-03-01</datum><name>Muster</name></antrag>"""), alongside);

        assertThat(heard).containsExactly("antrag", "datum", "name");
    }

    @Test
    void nothingFromTheFirstSchemaErrorOnReachesTheHandlerAlongside() throws Exception {
        assertThatThrownBy(() -> SchemaValidator.validate(schema(), CodeLists.none(), bytes("""
                <antrag xmlns="urn:xoev-de:xdemo:1"><datum>2026-03-01</datum><erfunden1><erfunden2/></erfunden1>
                <name>Muster</name></antrag>"""), alongside))
                .isInstanceOf(InvalidMessageException.class);

        assertThat(heard).containsExactly("antrag", "datum");
    }

    @Test
    void anUndeclaredAttributeStopsTheHandlerAlongsideAtItsElement() throws Exception {
        assertThatThrownBy(() -> SchemaValidator.validate(schema(), CodeLists.none(), bytes("""
                <antrag xmlns="urn:xoev-de:xdemo:1"><datum erfunden="1">2026-03-01</datum></antrag>"""), alongside))
                .isInstanceOf(InvalidMessageException.class);

        assertThat(heard).containsExactly("antrag");
    }

    private static Schema schema() throws Exception {
        return SecureXml.schemaFactory().newSchema(new StreamSource(new StringReader(SCHEMA)));
    }

    private static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }
}
