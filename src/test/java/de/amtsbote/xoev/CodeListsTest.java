package de.amtsbote.xoev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XÖV code values checked against genericode lists in the schema validation pass: a list fixed by the schema
 * (the message leaves listURI and listVersionID out) and one the message names; problems at the {@code code}
 * element's position.
 */
class CodeListsTest {

    private static final String VORHABENART = "urn:xoev-de:xdemo:codeliste:vorhabenart";
    private static final String ROLLE = "urn:xoev-de:xdemo:codeliste:rolle";

    /** XÖV's Code type, one restriction fixing its list and version, and elements of both. */
    private static final String SCHEMA = """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xdemo="urn:xoev-de:xdemo:1"
                       targetNamespace="urn:xoev-de:xdemo:1" elementFormDefault="qualified">
              <xs:complexType name="Code">
                <xs:sequence>
                  <xs:element name="code" type="xs:token" form="unqualified"/>
                  <xs:element name="name" type="xs:normalizedString" minOccurs="0" form="unqualified"/>
                </xs:sequence>
                <xs:attribute name="listURI" type="xs:anyURI"/>
                <xs:attribute name="listVersionID" type="xs:normalizedString"/>
              </xs:complexType>
              <xs:complexType name="Code.Vorhabenart">
                <xs:complexContent>
                  <xs:restriction base="xdemo:Code">
                    <xs:sequence>
                      <xs:element name="code" type="xs:token" form="unqualified"/>
                      <xs:element name="name" type="xs:normalizedString" minOccurs="0" form="unqualified"/>
                    </xs:sequence>
                    <xs:attribute name="listURI" type="xs:anyURI" fixed="%s"/>
                    <xs:attribute name="listVersionID" type="xs:normalizedString" fixed="1.0"/>
                  </xs:restriction>
                </xs:complexContent>
              </xs:complexType>
              <xs:element name="antrag">
                <xs:complexType>
                  <xs:sequence>
                    <xs:element name="art" type="xdemo:Code.Vorhabenart"/>
                    <xs:element name="rolle" type="xdemo:Code"/>
                    <xs:element name="fremd" type="xdemo:Code"/>
                    <xs:element name="geschosse" type="xs:int"/>
                  </xs:sequence>
                </xs:complexType>
              </xs:element>
            </xs:schema>
            """.formatted(VORHABENART);

    @TempDir
    Path folder;

    private Schema schema;
    private CodeLists codeLists;

    @BeforeEach
    void schemaAndLists() throws Exception {
        schema = SecureXml.schemaFactory().newSchema(new StreamSource(new StringReader(SCHEMA)));
        // published lists come in ISO-8859-1 too: the key "überbau" only matches if the file is decoded as declared
        Path vorhabenart = folder.resolve("vorhabenart-1.0.gc");
        Files.writeString(vorhabenart, """
                <?xml version="1.0" encoding="ISO-8859-1"?>
                <gc:CodeList xmlns:gc="http://docs.oasis-open.org/codelist/ns/genericode/1.0/">
                  <Identification>
                    <ShortName>Vorhabenart</ShortName>
                    <LongName>Art des Bauvorhabens, Änderungen eingeschlossen</LongName>
                    <Version>1.0</Version>
                    <CanonicalUri>%s</CanonicalUri>
                    <CanonicalVersionUri>%s_1.0</CanonicalVersionUri>
                  </Identification>
                  <ColumnSet>
                    <Column Id="code" Use="required"><ShortName>Code</ShortName><Data Type="string"/></Column>
                    <Column Id="beschreibung" Use="optional"><ShortName>Beschreibung</ShortName><Data Type="string"/></Column>
                    <Key Id="codeKey"><ShortName>CodeKey</ShortName><ColumnRef Ref="code"/></Key>
                  </ColumnSet>
                  <SimpleCodeList>
                    <Row><Value ColumnRef="code"><SimpleValue>neubau</SimpleValue></Value>
                         <Value ColumnRef="beschreibung"><SimpleValue>Neubau</SimpleValue></Value></Row>
                    <Row><Value ColumnRef="code"><SimpleValue> überbau </SimpleValue></Value>
                         <Value ColumnRef="beschreibung"><SimpleValue>Überbauung</SimpleValue></Value></Row>
                    <Row><Value ColumnRef="code"><SimpleValue>rueckbau</SimpleValue></Value>
                         <Value ColumnRef="beschreibung"><SimpleValue>abriss</SimpleValue></Value></Row>
                  </SimpleCodeList>
                </gc:CodeList>
                """.formatted(VORHABENART, VORHABENART), StandardCharsets.ISO_8859_1);
        // the key column is not the first one; version 2 gives its values by position (no ColumnRef)
        Path rolle1 = Files.writeString(folder.resolve("rolle-1.gc"), rolle("1", """
                <Row><Value ColumnRef="beschreibung"><SimpleValue>Bauherr</SimpleValue></Value>
                     <Value ColumnRef="Schluessel"><SimpleValue>01</SimpleValue></Value></Row>
                <Row><Value ColumnRef="Schluessel"><SimpleValue>02</SimpleValue></Value></Row>
                """));
        Path rolle2 = Files.writeString(folder.resolve("rolle-2.gc"), rolle("2", """
                <Row><Value><SimpleValue>Bauherr</SimpleValue></Value><Value><SimpleValue>01</SimpleValue></Value></Row>
                <Row><Value><SimpleValue>Entwurfsverfasser</SimpleValue></Value><Value><SimpleValue>03</SimpleValue></Value></Row>
                """));
        codeLists = CodeLists.load(List.of(vorhabenart, rolle1, rolle2));
    }

    @Test
    void knownCodesPass() {
        assertThatCode(() -> validate(message("neubau", "2", "03"))).doesNotThrowAnyException();
        assertThatCode(() -> validate(message("überbau", "1", "02"))).doesNotThrowAnyException();
    }

    @Test
    void aCodeNotInTheListFixedByTheSchemaIsRefusedAtItsPosition() {
        String message = message("abriss", "2", "03");

        assertThatThrownBy(() -> validate(message)).isInstanceOf(UnknownCodeException.class)
                .hasMessage("The message uses codes its code lists do not know")
                .satisfies(e -> assertThat(((UnknownCodeException) e).problems()).containsExactly(
                        new XmlProblem(3, endOfStartTag(message, 3, "<code>"), "code 'abriss' is not in code list "
                                + "Vorhabenart (" + VORHABENART + ", version 1.0)")));
    }

    @Test
    void aCodeOfAnotherVersionOfTheListTheMessageNamesIsRefused() {
        String message = message("neubau", "1", "03");

        assertThatThrownBy(() -> validate(message)).isInstanceOf(UnknownCodeException.class)
                .satisfies(e -> assertThat(((UnknownCodeException) e).problems()).containsExactly(
                        new XmlProblem(5, endOfStartTag(message, 5, "<code>"),
                                "code '03' is not in code list Rolle (" + ROLLE + ", version 1)")));
    }

    @Test
    void anUnknownVersionOfAKnownListIsRefused() {
        String message = message("neubau", "3", "03");

        assertThatThrownBy(() -> validate(message)).isInstanceOf(UnknownCodeException.class)
                .satisfies(e -> assertThat(((UnknownCodeException) e).problems()).containsExactly(
                        new XmlProblem(5, endOfStartTag(message, 5, "<xdemo:rolle"),
                                "code list " + ROLLE + " version 3 is not known; known: 1, 2")));
    }

    @Test
    void listsTheHubDoesNotHaveAreNotChecked() {
        String message = message("neubau", "2", "03").replace("<code>egal</code>", "<code>irgendwas</code>");

        assertThatCode(() -> validate(message)).doesNotThrowAnyException();
    }

    @Test
    void schemaErrorsComeFirstAndMakeItASchemaRefusal() {
        String message = message("abriss", "2", "03").replace("<xdemo:geschosse>2", "<xdemo:geschosse>zwei");

        assertThatThrownBy(() -> validate(message)).isInstanceOf(InvalidMessageException.class)
                .isNotInstanceOf(UnknownCodeException.class)
                .hasMessage("The message does not match its schema")
                .satisfies(e -> assertThat(((InvalidMessageException) e).problems()).extracting(XmlProblem::message)
                        .hasSize(3) // cvc-datatype-valid and cvc-type for the one value, then the code
                        .last().asString().startsWith("code 'abriss'"));
    }

    @Test
    void aValueFixedByTheSchemaCannotBeOverridden() {
        String message = message("neubau", "2", "03").replace("<xdemo:art>", "<xdemo:art listVersionID=\"0.9\">");

        assertThatThrownBy(() -> validate(message)).isInstanceOf(InvalidMessageException.class)
                .isNotInstanceOf(UnknownCodeException.class);
    }

    @Test
    void theMessageIsStillParsedWithTheHubsLimits() {
        assertThatThrownBy(() -> validate("<!DOCTYPE x [<!ENTITY a 'b'>]>" + message("neubau", "2", "03")))
                .isInstanceOf(MalformedXmlException.class);
    }

    @Test
    void aLargeListLoadsKeepingOnlyItsKeys() throws IOException {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            rows.append("<Row><Value><SimpleValue>Beschreibung der Rolle Nummer ").append(i)
                    .append(" mit etwas längerem Text</SimpleValue></Value><Value><SimpleValue>")
                    .append(String.format("%06d", i)).append("</SimpleValue></Value></Row>\n");
        }
        Path large = Files.writeString(folder.resolve("rolle-9.gc"),
                "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" + rolle("9", rows.toString()), StandardCharsets.ISO_8859_1);
        assertThat(Files.size(large)).isGreaterThan(3_000_000);

        CodeLists loaded = CodeLists.load(List.of(large));

        assertThatCode(() -> SchemaValidator.validate(schema, loaded, bytes(message("neubau", "9", "039999"))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> SchemaValidator.validate(schema, loaded, bytes(message("neubau", "9", "040000"))))
                .isInstanceOf(UnknownCodeException.class);
    }

    @Test
    void aFileThatIsNotGenericodeIsRefusedNamingIt() throws IOException {
        Path html = Files.writeString(folder.resolve("liste.gc"), "<html><body>Codeliste</body></html>");

        assertThatThrownBy(() -> CodeLists.load(List.of(html))).isInstanceOf(IOException.class)
                .hasMessageContaining(html.toString()).hasMessageContaining("not an OASIS genericode 1.0 code list");
    }

    @Test
    void aListWithoutKeyIsRefusedNamingIt() throws IOException {
        Path keyless = Files.writeString(folder.resolve("ohne-schluessel.gc"), rolle("1", "").replaceAll("<Key.*</Key>", ""));

        assertThatThrownBy(() -> CodeLists.load(List.of(keyless))).isInstanceOf(IOException.class)
                .hasMessageContaining(keyless.toString()).hasMessageContaining("no key column");
    }

    @Test
    void theSameListVersionTwiceIsRefused() throws IOException {
        Path copy = Files.writeString(folder.resolve("rolle-1-kopie.gc"), rolle("1", ""));

        assertThatThrownBy(() -> CodeLists.load(List.of(folder.resolve("rolle-1.gc"), copy)))
                .isInstanceOf(IOException.class).hasMessageContaining(copy.toString()).hasMessageContaining("rolle-1.gc");
    }

    @Test
    void withoutCodeListsOnlyTheSchemaCounts() {
        assertThatCode(() -> SchemaValidator.validate(schema, bytes(message("abriss", "7", "99")))).doesNotThrowAnyException();
    }

    private void validate(String message) {
        SchemaValidator.validate(schema, codeLists, bytes(message));
    }

    /** Line 3 holds art's code, line 5 rolle and its code: the element art leaves listURI and version to the schema. */
    private static String message(String art, String rolleVersion, String rolle) {
        return """
                <xdemo:antrag xmlns:xdemo="urn:xoev-de:xdemo:1">
                  <xdemo:art>
                    <code>%s</code>
                  </xdemo:art>
                  <xdemo:rolle listURI="%s" listVersionID="%s"><code>%s</code></xdemo:rolle>
                  <xdemo:fremd listURI="urn:xoev-de:anderer-standard:codeliste:x" listVersionID="1"><code>egal</code></xdemo:fremd>
                  <xdemo:geschosse>2</xdemo:geschosse>
                </xdemo:antrag>
                """.formatted(art, ROLLE, rolleVersion, rolle);
    }

    /** The column after the '>' of the start tag that begins with {@code tag} on a line: where the parser reports it. */
    private static int endOfStartTag(String message, int line, String tag) {
        String text = message.lines().toList().get(line - 1);
        return text.indexOf('>', text.indexOf(tag)) + 2;
    }

    private static String rolle(String version, String rows) {
        return """
                <gc:CodeList xmlns:gc="http://docs.oasis-open.org/codelist/ns/genericode/1.0/">
                  <Identification>
                    <ShortName>Rolle</ShortName>
                    <Version>%s</Version>
                    <CanonicalUri>%s</CanonicalUri>
                  </Identification>
                  <ColumnSet>
                    <Column Id="beschreibung" Use="optional"><ShortName>Beschreibung</ShortName><Data Type="string"/></Column>
                    <Column Id="Schluessel" Use="required"><ShortName>Schluessel</ShortName><Data Type="string"/></Column>
                    <Key Id="SchluesselKey"><ShortName>SchluesselKey</ShortName><ColumnRef Ref="Schluessel"/></Key>
                  </ColumnSet>
                  <SimpleCodeList>
                %s
                  </SimpleCodeList>
                </gc:CodeList>
                """.formatted(version, ROLLE, rows);
    }

    private static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }
}
