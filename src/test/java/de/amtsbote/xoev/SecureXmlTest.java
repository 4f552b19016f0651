package de.amtsbote.xoev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ctc.wstx.api.WstxInputProperties;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/** Each limit of {@link SecureXml} on each parser that enforces it: at the limit a document passes, past it it does not. */
class SecureXmlTest {

    /** Takes any content, so that only the parser's limits can refuse a document. */
    private static final String ANY_SCHEMA = """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
              <xs:element name="r"><xs:complexType mixed="true">
                <xs:sequence><xs:any processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
                <xs:anyAttribute processContents="lax"/>
              </xs:complexType></xs:element>
            </xs:schema>""";

    @Test
    void elementDepthUpToTheLimitPassesEveryParser() {
        String xml = nested(SecureXml.MAX_ELEMENT_DEPTH);

        assertThatCode(() -> readAllWithStax(xml)).doesNotThrowAnyException();
        assertThatCode(() -> parseWithSax(xml)).doesNotThrowAnyException();
        assertThatCode(() -> parseWithDom(xml)).doesNotThrowAnyException();
        assertThatCode(() -> validate(xml)).doesNotThrowAnyException();
    }

    @Test
    void elementDepthPastTheLimitIsRefusedByEveryParser() {
        String xml = nested(SecureXml.MAX_ELEMENT_DEPTH + 1);

        assertThatThrownBy(() -> readAllWithStax(xml)).hasMessageContaining("Element Depth");
        assertThatThrownBy(() -> parseWithSax(xml)).hasMessageContaining("maxElementDepth");
        assertThatThrownBy(() -> parseWithDom(xml)).hasMessageContaining("maxElementDepth");
        assertThatThrownBy(() -> validate(xml)).isInstanceOf(MalformedXmlException.class).hasMessageContaining("maxElementDepth");
    }

    @Test
    void attributeCountPastTheLimitIsRefusedByEveryParser() {
        String atLimit = "<r" + attributes(SecureXml.MAX_ATTRIBUTES_PER_ELEMENT) + "/>";
        String pastLimit = "<r" + attributes(SecureXml.MAX_ATTRIBUTES_PER_ELEMENT + 1) + "/>";

        assertThatCode(() -> readAllWithStax(atLimit)).doesNotThrowAnyException();
        assertThatCode(() -> validate(atLimit)).doesNotThrowAnyException();
        assertThatThrownBy(() -> readAllWithStax(pastLimit)).hasMessageContaining("Attribute");
        assertThatThrownBy(() -> parseWithSax(pastLimit)).hasMessageContaining("attributes");
        assertThatThrownBy(() -> parseWithDom(pastLimit)).hasMessageContaining("attributes");
        assertThatThrownBy(() -> validate(pastLimit)).isInstanceOf(MalformedXmlException.class);
    }

    @Test
    void attributeValuePastTheLimitIsRefusedByStaxAndTheSaxReader() {
        String atLimit = "<r a=\"" + "x".repeat(SecureXml.MAX_ATTRIBUTE_SIZE) + "\"/>";
        String pastLimit = "<r a=\"" + "x".repeat(SecureXml.MAX_ATTRIBUTE_SIZE + 1) + "\"/>";

        assertThatCode(() -> readAllWithStax(atLimit)).doesNotThrowAnyException();
        assertThatCode(() -> validate(atLimit)).doesNotThrowAnyException();
        assertThatThrownBy(() -> readAllWithStax(pastLimit)).hasMessageContaining("attribute size");
        assertThatThrownBy(() -> parseWithSax(pastLimit)).hasMessageContaining("longer than");
        assertThatThrownBy(() -> validate(pastLimit)).isInstanceOf(MalformedXmlException.class);
    }

    @Test
    void childrenPastTheLimitAreRefusedByStax() {
        String pastLimit = "<r>" + "<c/>".repeat(SecureXml.MAX_CHILDREN_PER_ELEMENT + 1) + "</r>";

        assertThatThrownBy(() -> readAllWithStax(pastLimit)).hasMessageContaining("Child");
    }

    @Test
    void elementNamePastTheLimitIsRefusedByTheJdkParser() {
        String pastLimit = "<r><" + "n".repeat(SecureXml.MAX_NAME_LENGTH + 1) + "/></r>";

        assertThatThrownBy(() -> parseWithSax(pastLimit)).hasMessageContaining("JAXP00010005"); // the name length limit
        assertThatThrownBy(() -> validate(pastLimit)).isInstanceOf(MalformedXmlException.class);
    }

    @Test
    void distinctNamesOfElementsAttributesAndProcessingInstructionsPastTheLimitAreRefusedByTheSaxReader() {
        // the root, a processing instruction and elements: the limit; used again, a name is no new one
        String elements = IntStream.range(0, SecureXml.MAX_DISTINCT_NAMES - 2).mapToObj(i -> "<n" + i + "/>")
                .collect(Collectors.joining());
        String atLimit = "<r><?p data?>" + elements + elements + "</r>";
        String pastLimit = "<r a=\"1\"><?p data?>" + elements + "</r>";

        assertThatCode(() -> parseWithSax(atLimit)).doesNotThrowAnyException();
        assertThatCode(() -> validate(atLimit)).doesNotThrowAnyException();
        assertThatThrownBy(() -> parseWithSax(pastLimit)).hasMessageContaining("more than 10000 distinct names");
        assertThatThrownBy(() -> validate(pastLimit)).isInstanceOf(MalformedXmlException.class)
                .hasMessageContaining("distinct names");
        assertThatThrownBy(() -> parseWithSax("<r>" + elements + "<?p1 data?><?p2 data?></r>"))
                .hasMessageContaining("distinct names");
    }

    @Test
    void namespacesPastTheLimitOrOverlongAreRefusedByTheSaxReader() {
        String atLimit = "<r" + IntStream.range(0, SecureXml.MAX_NAMESPACES)
                .mapToObj(i -> " xmlns:p" + i + "=\"urn:n" + i + "\"").collect(Collectors.joining()) + "/>";
        String pastLimit = atLimit.replace("/>", "><c xmlns=\"urn:one-more\"/></r>");
        String longestUri = "<r xmlns:p=\"urn:" + "x".repeat(SecureXml.MAX_NAMESPACE_URI_LENGTH - 4) + "\"/>";
        String longUri = "<r xmlns:p=\"urn:" + "x".repeat(SecureXml.MAX_NAMESPACE_URI_LENGTH - 3) + "\"/>";

        assertThatCode(() -> validate(atLimit)).doesNotThrowAnyException();
        assertThatThrownBy(() -> parseWithSax(pastLimit)).hasMessageContaining("more than 100 namespaces");
        assertThatCode(() -> validate(longestUri)).doesNotThrowAnyException();
        assertThatThrownBy(() -> validate(longUri)).isInstanceOf(MalformedXmlException.class)
                .hasMessageContaining("longer than 200 characters");
    }

    /** The limits too costly to reach in a unit test are at least set, with the documented values. */
    @Test
    void woodstoxHasEverySizeLimitSet() {
        XMLInputFactory factory = SecureXml.inputFactory();

        assertThat(longProperty(factory, WstxInputProperties.P_MAX_TEXT_LENGTH)).isEqualTo(SecureXml.MAX_TEXT_LENGTH);
        assertThat(longProperty(factory, WstxInputProperties.P_MAX_CHARACTERS)).isEqualTo(SecureXml.MAX_CHARACTERS);
        assertThat(longProperty(factory, WstxInputProperties.P_MAX_ELEMENT_COUNT)).isEqualTo(SecureXml.MAX_ELEMENT_COUNT);
        assertThat(longProperty(factory, WstxInputProperties.P_MAX_ENTITY_COUNT)).isEqualTo(SecureXml.MAX_ENTITY_EXPANSIONS);
    }

    @Test
    void doctypeIsRefusedByTheJdkParsersAndReportedByStaxWithoutReadingTheEntity(@TempDir Path folder) throws IOException {
        Path secret = Files.writeString(folder.resolve("secret.txt"), "geheim");
        String xml = "<!DOCTYPE r [<!ENTITY e SYSTEM \"" + secret.toUri() + "\">]><r>&e;</r>";

        assertThatThrownBy(() -> parseWithSax(xml)).hasMessageContaining("DOCTYPE");
        assertThatThrownBy(() -> parseWithDom(xml)).hasMessageContaining("DOCTYPE");
        assertThatThrownBy(() -> validate(xml)).isInstanceOf(MalformedXmlException.class).hasMessageContaining("DOCTYPE");
        assertThat(staxTextOrError(xml)).doesNotContain("geheim");
    }

    @Test
    void billionLaughsNeverExpands() {
        String xml = "<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]><r>&d;&d;&d;</r>";

        assertThatThrownBy(() -> parseWithSax(xml)).hasMessageContaining("DOCTYPE");
        assertThat(staxTextOrError(xml)).doesNotContain("aaaaaaaaaa");
    }

    @Test
    void xincludeIsRefusedWhereverItIs() {
        String xml = "<r><x:include xmlns:x=\"http://www.w3.org/2001/XInclude\" href=\"file:///etc/passwd\" parse=\"text\"/></r>";

        assertThatThrownBy(() -> parseWithSax(xml)).hasMessageContaining("XInclude");
        assertThatThrownBy(() -> validate(xml)).isInstanceOf(MalformedXmlException.class).hasMessageContaining("XInclude");
    }

    @Test
    void predefinedAndCharacterReferencesAreNoEntityExpansions() {
        String xml = "<r a=\"&amp;&#65;\">" + "&amp;&lt;&gt;&quot;&apos;&#65;&#x42;".repeat(1000) + "</r>";

        assertThatCode(() -> readAllWithStax(xml)).doesNotThrowAnyException();
        assertThatCode(() -> parseWithDom(xml)).doesNotThrowAnyException();
        assertThatCode(() -> validate(xml)).doesNotThrowAnyException();
    }

    private static long longProperty(XMLInputFactory factory, String name) {
        return ((Number) factory.getProperty(name)).longValue();
    }

    private static String nested(int depth) {
        return "<r>" + "<d>".repeat(depth - 1) + "</d>".repeat(depth - 1) + "</r>";
    }

    private static String attributes(int count) {
        return IntStream.range(0, count).mapToObj(i -> " a" + i + "=\"" + i + "\"").collect(Collectors.joining());
    }

    private static void readAllWithStax(String xml) throws XMLStreamException {
        XMLStreamReader reader = SecureXml.inputFactory().createXMLStreamReader(new StringReader(xml));
        while (reader.hasNext()) {
            reader.next();
        }
    }

    /** What StAX reads as text; the message of its error if it refuses the document. */
    private static String staxTextOrError(String xml) {
        StringBuilder text = new StringBuilder();
        try {
            XMLStreamReader reader = SecureXml.inputFactory().createXMLStreamReader(new StringReader(xml));
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamReader.CHARACTERS) {
                    text.append(reader.getText());
                }
            }
        } catch (XMLStreamException e) {
            text.append(e.getMessage());
        }
        return text.toString();
    }

    private static void parseWithSax(String xml) throws IOException, SAXException {
        var reader = SecureXml.xmlReader();
        reader.setContentHandler(new DefaultHandler());
        reader.setErrorHandler(new DefaultHandler());
        reader.parse(new InputSource(new StringReader(xml)));
    }

    private static void parseWithDom(String xml) throws IOException, SAXException {
        var builder = SecureXml.documentBuilder();
        builder.setErrorHandler(new DefaultHandler());
        builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static void validate(String xml) throws SAXException {
        Schema schema = SecureXml.schemaFactory().newSchema(new StreamSource(new StringReader(ANY_SCHEMA)));
        SchemaValidator.validate(schema, xml.getBytes(StandardCharsets.UTF_8));
    }
}
