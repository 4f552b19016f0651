package de.amtsbote.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.amtsbote.Canary;
import de.amtsbote.xoev.InvalidMessageException;
import de.amtsbote.xoev.SchemaValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.validation.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.SAXException;

/**
 * A schema set laid out like the official XÖV ones (folders per standard, imports by {@code http(s)} URL) compiles
 * from {@code schemas/} through its XML catalog, and nothing is fetched: a {@link Canary} counts every connection.
 */
class SchemaCompilerTest {

    private static final String MESSAGE_NAMESPACE = "http://www.xleitstelle.de/xdemo/1/0";

    private final Canary canary = new Canary();

    @TempDir
    Path schemas;

    @BeforeEach
    void officialLookingSchemaSet() throws IOException {
        write("catalog.xml", """
                <?xml version="1.0"?>
                <!DOCTYPE catalog PUBLIC "-//OASIS//DTD XML Catalogs V1.1//EN" "%s">
                <catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
                  <system systemId="https://www.xoev.de/schemata/basisnachricht/1_1/xoev-basisnachricht-g2g.xsd"
                          uri="xoev/basisnachricht/1.1/xoev-basisnachricht-g2g.xsd"/>
                  <system systemId="https://www.xoev.de/schemata/code/1_0/xoev-code.xsd" uri="xoev/code/1.0/xoev-code.xsd"/>
                  <rewriteSystem systemIdStartString="http://www.xleitstelle.de/xoev/code/1_0/" rewritePrefix="xoev/code/1.0/"/>
                  <!-- official catalogs map a standard's own namespace to its message schema: its includes must not follow -->
                  <uri name="%s" uri="xdemo/1.0/xdemo-nachrichten.xsd"/>
                  <uri name="urn:xoev-de:xdemo:anlage" uri="xdemo/1.0/anlage/xdemo-anlage.xsd"/>
                  <nextCatalog catalog="w3c/catalog.xml"/>
                </catalog>
                """.formatted(canary.url("/catalog.dtd"), MESSAGE_NAMESPACE));
        write("w3c/catalog.xml", """
                <catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
                  <system systemId="http://www.w3.org/2001/xml.xsd" uri="xml.xsd"/>
                </catalog>
                """);
        write("xdemo/1.0/xdemo-nachrichten.xsd", """
                <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xdemo="%s" targetNamespace="%s"
                           xmlns:g2g="http://xoev.de/schemata/basisnachricht/g2g/1_1"
                           xmlns:code="http://xoev.de/schemata/code/1_0" xmlns:anlage="urn:xoev-de:xdemo:anlage"
                           elementFormDefault="qualified">
                  <xs:include schemaLocation="xdemo-baukasten.xsd"/>
                  <xs:import namespace="http://xoev.de/schemata/basisnachricht/g2g/1_1"
                             schemaLocation="https://www.xoev.de/schemata/basisnachricht/1_1/xoev-basisnachricht-g2g.xsd"/>
                  <xs:import namespace="http://xoev.de/schemata/code/1_0"
                             schemaLocation="http://www.xleitstelle.de/xoev/code/1_0/xoev-code.xsd"/>
                  <xs:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="http://www.w3.org/2001/xml.xsd"/>
                  <xs:import namespace="urn:xoev-de:xdemo:anlage"/>
                  <xs:element name="antrag.0100">
                    <xs:complexType>
                      <xs:sequence>
                        <xs:element ref="g2g:nachrichtenkopf.g2g"/>
                        <xs:element name="vorhaben" type="xdemo:Vorhaben"/>
                        <xs:element name="art" type="code:Code"/>
                        <xs:element ref="anlage:anlage" minOccurs="0"/>
                      </xs:sequence>
                      <xs:attribute ref="xml:lang"/>
                    </xs:complexType>
                  </xs:element>
                </xs:schema>
                """.formatted(MESSAGE_NAMESPACE, MESSAGE_NAMESPACE));
        write("xdemo/1.0/xdemo-baukasten.xsd", """
                <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="%s" elementFormDefault="qualified">
                  <xs:complexType name="Vorhaben">
                    <xs:sequence><xs:element name="bezeichnung" type="xs:string"/></xs:sequence>
                  </xs:complexType>
                </xs:schema>
                """.formatted(MESSAGE_NAMESPACE));
        write("xdemo/1.0/anlage/xdemo-anlage.xsd", """
                <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:xoev-de:xdemo:anlage">
                  <xs:element name="anlage" type="xs:base64Binary"/>
                </xs:schema>
                """);
        write("xoev/basisnachricht/1.1/xoev-basisnachricht-g2g.xsd", """
                <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://xoev.de/schemata/basisnachricht/g2g/1_1"
                           xmlns:code="http://xoev.de/schemata/code/1_0" elementFormDefault="qualified">
                  <xs:import namespace="http://xoev.de/schemata/code/1_0"
                             schemaLocation="https://www.xoev.de/schemata/code/1_0/xoev-code.xsd"/>
                  <xs:element name="nachrichtenkopf.g2g">
                    <xs:complexType>
                      <xs:sequence>
                        <xs:element name="identifikation.nachricht" type="xs:string"/>
                        <xs:element name="nachrichtentyp" type="code:Code"/>
                      </xs:sequence>
                    </xs:complexType>
                  </xs:element>
                </xs:schema>
                """);
        write("xoev/code/1.0/xoev-code.xsd", """
                <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://xoev.de/schemata/code/1_0">
                  <xs:complexType name="Code">
                    <xs:sequence><xs:element name="code" type="xs:token"/></xs:sequence>
                    <xs:attribute name="listURI" type="xs:anyURI"/>
                    <xs:attribute name="listVersionID" type="xs:normalizedString"/>
                  </xs:complexType>
                </xs:schema>
                """);
        // as older copies of the W3C's file have it: a DOCTYPE naming a DTD that is never read
        write("w3c/xml.xsd", """
                <?xml version='1.0'?>
                <!DOCTYPE xs:schema PUBLIC "-//W3C//DTD XMLSCHEMA 200102//EN" "%s" >
                <xs:schema targetNamespace="http://www.w3.org/XML/1998/namespace" xmlns:xs="http://www.w3.org/2001/XMLSchema" xml:lang="en">
                  <xs:attribute name="lang">
                    <xs:simpleType><xs:union memberTypes="xs:language"><xs:simpleType><xs:restriction base="xs:string">
                      <xs:enumeration value=""/></xs:restriction></xs:simpleType></xs:union></xs:simpleType>
                  </xs:attribute>
                </xs:schema>
                """.formatted(canary.url("/XMLSchema.dtd")));
    }

    @AfterEach
    void closeCanary() {
        canary.close();
    }

    @Test
    void officialSchemaSetCompilesThroughItsCatalogAndValidates() throws SAXException {
        Schema schema = new SchemaCompiler(schemas).schema("xdemo/1.0/xdemo-nachrichten.xsd");

        assertThatCode(() -> SchemaValidator.validate(schema, message("de"))).doesNotThrowAnyException();
        assertThat(canary.connections()).isZero();
    }

    @Test
    void componentsOfEveryMappedFileAreReallyUsed() throws SAXException {
        Schema schema = new SchemaCompiler(schemas).schema("xdemo/1.0/xdemo-nachrichten.xsd");

        // xml:lang from xml.xsd, through the nextCatalog
        assertThatThrownBy(() -> SchemaValidator.validate(schema, message("kein Sprachcode")))
                .isInstanceOf(InvalidMessageException.class)
                .satisfies(e -> assertThat(((InvalidMessageException) e).problems().toString()).contains("kein Sprachcode"));
    }

    @Test
    void aLocationWithoutCatalogEntryIsNotFetchedAndTheErrorNamesTheFile() throws IOException {
        write("xdemo/1.0/xdemo-extern.xsd", """
                <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:xoev-de:xdemo:extern">
                  <xs:import namespace="urn:xoev-de:xdemo:fremd" schemaLocation="%s"/>
                </xs:schema>
                """.formatted(canary.url("/fremd.xsd")));

        assertThatThrownBy(() -> new SchemaCompiler(schemas).schema("xdemo/1.0/xdemo-extern.xsd"))
                .isInstanceOf(SAXException.class)
                .hasMessageContaining(Path.of("xdemo/1.0/xdemo-extern.xsd").toString())
                .hasMessageContaining(canary.url("/fremd.xsd"))
                .hasMessageContaining("does not fetch schemas");
        assertThat(canary.connections()).isZero();
    }

    @Test
    void aMappedFileThatIsMissingFailsNamingIt() throws IOException {
        Files.delete(schemas.resolve("xoev/code/1.0/xoev-code.xsd"));

        assertThatThrownBy(() -> new SchemaCompiler(schemas).schema("xdemo/1.0/xdemo-nachrichten.xsd"))
                .isInstanceOf(SAXException.class)
                .hasMessageContaining(Path.of("xoev/code/1.0/xoev-code.xsd").toString())
                .hasMessageContaining("file not found");
        assertThat(canary.connections()).isZero();
    }

    @Test
    void aMappedFileThatIsNoSchemaFailsNamingIt() throws IOException {
        write("xoev/code/1.0/xoev-code.xsd", "<html>404</html>");

        assertThatThrownBy(() -> new SchemaCompiler(schemas).schema("xdemo/1.0/xdemo-nachrichten.xsd"))
                .isInstanceOf(SAXException.class).hasMessageContaining("xoev/code/1.0/xoev-code.xsd");
    }

    @Test
    void aRelativeFileOutsideTheSchemasFolderIsRefused() throws IOException {
        Files.writeString(schemas.getParent().resolve("outside.xsd"), "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"/>");
        write("xdemo/1.0/xdemo-ausbruch.xsd", """
                <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:xoev-de:xdemo:ausbruch">
                  <xs:import namespace="urn:x" schemaLocation="../../../outside.xsd"/>
                </xs:schema>
                """);

        assertThatThrownBy(() -> new SchemaCompiler(schemas).schema("xdemo/1.0/xdemo-ausbruch.xsd"))
                .hasMessageContaining("../../../outside.xsd").hasMessageContaining("not a file inside");
    }

    @Test
    void compiledSchemasAreCached() throws SAXException {
        SchemaCompiler compiler = new SchemaCompiler(schemas);

        assertThat(compiler.schema("xdemo/1.0/xdemo-nachrichten.xsd")).isSameAs(compiler.schema("xdemo/1.0/xdemo-nachrichten.xsd"));
    }

    @Test
    void aSetWithoutCatalogResolvesByRelativePaths() {
        assertThatCode(() -> new SchemaCompiler(Path.of("schemas")).schema("xbau/2.6/xbau-nachrichten-baugenehmigung.xsd"))
                .doesNotThrowAnyException();
    }

    private byte[] message(String language) {
        return ("""
                <xdemo:antrag.0100 xmlns:xdemo="%s" xml:lang="%s"
                                   xmlns:g2g="http://xoev.de/schemata/basisnachricht/g2g/1_1" xmlns:anlage="urn:xoev-de:xdemo:anlage">
                  <g2g:nachrichtenkopf.g2g>
                    <g2g:identifikation.nachricht>4711</g2g:identifikation.nachricht>
                    <g2g:nachrichtentyp listURI="urn:xoev-de:xdemo:codeliste:nachrichten" listVersionID="1"><code>0100</code></g2g:nachrichtentyp>
                  </g2g:nachrichtenkopf.g2g>
                  <xdemo:vorhaben><xdemo:bezeichnung>Carport</xdemo:bezeichnung></xdemo:vorhaben>
                  <xdemo:art><code>neubau</code></xdemo:art>
                  <anlage:anlage>UEs=</anlage:anlage>
                </xdemo:antrag.0100>
                """.formatted(MESSAGE_NAMESPACE, language)).getBytes(StandardCharsets.UTF_8);
    }

    private void write(String relativePath, String content) throws IOException {
        Path file = schemas.resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
