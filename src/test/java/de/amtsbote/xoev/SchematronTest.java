package de.amtsbote.xoev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.amtsbote.Canary;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xml.sax.SAXException;

/**
 * XÖV-style Schematron rules (abstract rules, {@code sch:extends}, {@code sch:let}, an include, a phase) compiled
 * once: breaches come back with their assert's id, text and position in the message; warnings do not; the rules
 * cannot make the hub read anything while they check a message (a {@link Canary} counts every connection).
 */
class SchematronTest {

    private static final String RULES = """
            <sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2" defaultPhase="nurPersonen">
              <sch:ns prefix="xdemo" uri="urn:xoev-de:xdemo:1"/>
              <sch:ns prefix="xs" uri="http://www.w3.org/2001/XMLSchema"/>
              <sch:let name="antragsdatum" value="xs:date(/xdemo:antrag/xdemo:datum)"/>
              <!-- phases are not used: every pattern runs -->
              <sch:phase id="nurPersonen"><sch:active pattern="personen"/></sch:phase>
              <sch:pattern id="personen">
                <sch:rule abstract="true" id="person">
                  <sch:let name="name" value="normalize-space(xdemo:familienname)"/>
                  <sch:assert id="xdemo-001" test="string-length($name) gt 1">Der Familienname
                     muss mindestens    zwei Zeichen haben.</sch:assert>
                </sch:rule>
                <sch:rule context="xdemo:antragsteller">
                  <sch:extends rule="person"/>
                  <sch:assert id="xdemo-002" test="xs:date(xdemo:geburtsdatum) lt $antragsdatum">Das Geburtsdatum muss vor dem Antragsdatum liegen.</sch:assert>
                </sch:rule>
                <sch:rule context="xdemo:bevollmaechtigter">
                  <sch:extends rule="person"/>
                </sch:rule>
              </sch:pattern>
              <sch:include href="regeln/vorhaben.sch"/>
            </sch:schema>
            """;

    private static final String VORHABEN_RULES = """
            <sch:pattern xmlns:sch="http://purl.oclc.org/dsdl/schematron" id="vorhaben">
              <sch:rule context="xdemo:vorhaben">
                <sch:report test="@geschosse > 20" role="warning">Hochhaus: gesonderte Prüfung.</sch:report>
                <sch:report test="@geschosse > 30" role="INFO">Sehr hoch.</sch:report>
                <sch:assert test="xdemo:bezeichnung">Ein Vorhaben braucht eine Bezeichnung.</sch:assert>
              </sch:rule>
              <sch:rule context="xdemo:vorhaben/@art">
                <sch:assert id="xdemo-011" test=". = ('neubau', 'umbau')">Unbekannte Art <sch:value-of select="."/>.</sch:assert>
              </sch:rule>
            </sch:pattern>
            """;

    private static final String VALID = """
            <xdemo:antrag xmlns:xdemo="urn:xoev-de:xdemo:1">
              <xdemo:datum>2026-03-01</xdemo:datum>
              <xdemo:antragsteller>
                <xdemo:familienname>Muster</xdemo:familienname>
                <xdemo:geburtsdatum>1990-04-01</xdemo:geburtsdatum>
              </xdemo:antragsteller>
              <xdemo:bevollmaechtigter>
                <xdemo:familienname>Beispiel</xdemo:familienname>
              </xdemo:bevollmaechtigter>
              <xdemo:vorhaben geschosse="2" art="neubau">
                <xdemo:bezeichnung>Carport</xdemo:bezeichnung>
              </xdemo:vorhaben>
            </xdemo:antrag>
            """;

    private static final String INVALID = """
            <xdemo:antrag xmlns:xdemo="urn:xoev-de:xdemo:1">
              <xdemo:datum>2026-03-01</xdemo:datum>
              <xdemo:antragsteller>
                <xdemo:familienname>M</xdemo:familienname>
                <xdemo:geburtsdatum>2027-04-01</xdemo:geburtsdatum>
              </xdemo:antragsteller>
              <xdemo:bevollmaechtigter>
                <xdemo:familienname> X </xdemo:familienname>
              </xdemo:bevollmaechtigter>
              <xdemo:vorhaben geschosse="35"
                              art="abriss">
              </xdemo:vorhaben>
            </xdemo:antrag>
            """;

    private final Canary canary = new Canary();

    @TempDir
    Path schemas;

    private Path rules;

    @BeforeEach
    void writeRules() throws IOException {
        rules = write("xdemo/xdemo-regeln.sch", RULES);
        write("xdemo/regeln/vorhaben.sch", VORHABEN_RULES);
    }

    @AfterEach
    void closeCanary() {
        canary.close();
    }

    @Test
    void aValidMessagePasses() throws Exception {
        Schematron schematron = Schematron.compile(rules, schemas);

        assertThat(schematron.check(bytes(VALID))).isEmpty();
        assertThatCode(() -> schematron.validate(bytes(VALID))).doesNotThrowAnyException();
    }

    @Test
    void breachesComeWithIdTextAndPositionInTheMessage() throws Exception {
        Schematron schematron = Schematron.compile(rules, schemas);

        List<XmlProblem> problems = schematron.check(bytes(INVALID));

        // where the start tag ends (line 11 for the start tag over two lines), as the schema validator reports
        assertThat(problems).containsExactly(
                new XmlProblem(3, 24, "xdemo-001: Der Familienname muss mindestens zwei Zeichen haben."),
                new XmlProblem(3, 24, "xdemo-002: Das Geburtsdatum muss vor dem Antragsdatum liegen."),
                new XmlProblem(7, 28, "xdemo-001: Der Familienname muss mindestens zwei Zeichen haben."),
                new XmlProblem(11, 32, "Ein Vorhaben braucht eine Bezeichnung."),
                new XmlProblem(11, 32, "xdemo-011: Unbekannte Art abriss."));
    }

    @Test
    void theTreeBuiltWhileTheSchemaValidatesGivesTheSameBreachesAndPositions() throws Exception {
        Schematron schematron = Schematron.compile(rules, schemas);
        Schema anyContent = anyContent();

        Schematron.Tree invalid = Schematron.tree();
        SchemaValidator.validate(anyContent, CodeLists.none(), bytes(INVALID), invalid.handler());
        Schematron.Tree valid = Schematron.tree();
        SchemaValidator.validate(anyContent, CodeLists.none(), bytes(VALID), valid.handler());

        assertThat(schematron.check(invalid)).isNotEmpty().isEqualTo(schematron.check(bytes(INVALID)));
        assertThat(schematron.check(valid)).isEmpty();
    }

    /**
     * Saxon fails every parse once its name pool holds about a million names; a schema that takes any content (as
     * XÖV's extension points do) lets messages bring names that no rule knows, here 1.1 million in 112 messages.
     */
    @Test
    void rulesKeepCheckingAfterMessagesBroughtMoreNamesThanOneSaxonHolds() throws Exception {
        Schematron schematron = Schematron.compile(rules, schemas);
        Schematron idle = Schematron.compile(rules, schemas);
        Schema anyContent = anyContent();
        int names = SecureXml.MAX_DISTINCT_NAMES - 100;

        for (int message = 0; message < 112; message++) {
            String prefix = "m" + message + "n";
            String made = IntStream.range(0, names).mapToObj(i -> "<" + prefix + i + "/>")
                    .collect(Collectors.joining());
            Schematron.Tree tree = Schematron.tree();
            SchemaValidator.validate(anyContent, CodeLists.none(), bytes(VALID.replace("</xdemo:antrag>",
                    made + "</xdemo:antrag>")), tree.handler());
            assertThat(schematron.check(tree)).as("message %d", message).isEmpty();
        }

        Schematron.Tree invalid = Schematron.tree();
        SchemaValidator.validate(anyContent, CodeLists.none(), bytes(INVALID), invalid.handler());
        assertThat(schematron.check(invalid)).hasSize(5).isEqualTo(schematron.check(bytes(INVALID)));
        assertThat(idle.check(invalid)).isEqualTo(schematron.check(invalid));
    }

    @Test
    void validateThrowsWithTheProblems() throws Exception {
        Schematron schematron = Schematron.compile(rules, schemas);

        assertThatThrownBy(() -> schematron.validate(bytes(INVALID)))
                .isInstanceOf(SchematronViolationException.class)
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage("The message breaks its standard's rules")
                .satisfies(e -> assertThat(((SchematronViolationException) e).problems()).hasSize(5));
    }

    @Test
    void warningsAndInformationAreNotErrors() throws Exception {
        Schematron schematron = Schematron.compile(rules, schemas);

        assertThat(schematron.check(bytes(INVALID))).extracting(XmlProblem::message)
                .noneMatch(message -> message.contains("Hochhaus") || message.contains("Sehr hoch"));
    }

    @Test
    void oneCompiledValidatorChecksMessagesInParallel() throws Exception {
        Schematron schematron = Schematron.compile(rules, schemas);
        List<XmlProblem> expected = schematron.check(bytes(INVALID));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<XmlProblem>>> results = IntStream.range(0, 40)
                    .mapToObj(i -> threads.submit(() -> schematron.check(bytes(i % 2 == 0 ? INVALID : VALID))))
                    .toList();
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(i % 2 == 0 ? expected : List.of());
            }
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void theMessageIsParsedWithTheHubsLimits() throws Exception {
        Schematron schematron = Schematron.compile(rules, schemas);

        assertThatThrownBy(() -> schematron.check(bytes("<!DOCTYPE x [<!ENTITY a 'b'>]>" + VALID)))
                .isInstanceOf(MalformedXmlException.class).hasMessageContaining("DOCTYPE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"count(document('%s')/*) = 1", "count(doc('%s')/*) = 1", "unparsed-text('%s') != ''",
            "count(unparsed-text-lines('%s')) > 0", "count(collection('%s')) > 0", "count(json-doc('%s')?*) > 0"})
    void rulesCannotReadAUrlWhileChecking(String read) throws Exception {
        Path reading = write("xdemo/lesend.sch", assertion(read.formatted(canary.url("/codes.xml"))));
        Schematron schematron = Schematron.compile(reading, schemas);

        assertThatThrownBy(() -> schematron.check(bytes(VALID))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lesend.sch");
        assertThat(canary.connections()).isZero();
    }

    @Test
    void rulesCannotEvenProbeAUrl() throws Exception {
        Path probing = write("xdemo/probe.sch", assertion("doc-available('" + canary.url("/codes.xml") + "')"));

        assertThat(Schematron.compile(probing, schemas).check(bytes(VALID))).extracting(XmlProblem::message)
                .containsExactly("gelesen");
        assertThat(canary.connections()).isZero();
    }

    @Test
    void rulesCannotReadALocalFileWhileChecking() throws Exception {
        Path inside = write("xdemo/codes.xml", "<codes/>");
        Path reading = write("xdemo/lokal.sch", assertion("count(doc('" + inside.toUri() + "')/*) = 1"));
        Schematron schematron = Schematron.compile(reading, schemas);

        assertThatThrownBy(() -> schematron.check(bytes(VALID))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anIncludeFromTheNetworkIsRefusedWhenCompiling() throws IOException {
        Path remote = write("xdemo/fern.sch", RULES.replace("regeln/vorhaben.sch", canary.url("/vorhaben.sch")));

        assertThatThrownBy(() -> Schematron.compile(remote, schemas)).isInstanceOf(TransformerConfigurationException.class)
                .hasMessageContaining(remote.toString());
        assertThat(canary.connections()).isZero();
    }

    @Test
    void anIncludeOutsideTheAllowedFolderIsRefused() throws IOException {
        Files.writeString(schemas.getParent().resolve("fremd.sch"), VORHABEN_RULES);
        Path escaping = write("xdemo/ausbruch.sch", RULES.replace("regeln/vorhaben.sch", "../../fremd.sch"));

        assertThatThrownBy(() -> Schematron.compile(escaping, schemas)).isInstanceOf(TransformerConfigurationException.class)
                .hasMessageContaining("ausbruch.sch").hasMessageContaining("fremd.sch");
    }

    @Test
    void anUnknownAbstractRuleFailsNamingTheFile() throws IOException {
        Path broken = write("xdemo/kaputt.sch", RULES.replace("<sch:extends rule=\"person\"/>", "<sch:extends rule=\"gibtsnicht\"/>"));

        assertThatThrownBy(() -> Schematron.compile(broken, schemas)).isInstanceOf(TransformerConfigurationException.class)
                .hasMessageContaining(broken.toString()).hasMessageContaining("gibtsnicht");
    }

    @Test
    void anInvalidTestExpressionFailsNamingTheFile() throws IOException {
        Path broken = write("xdemo/syntax.sch", assertion("count(("));

        assertThatThrownBy(() -> Schematron.compile(broken, schemas)).isInstanceOf(TransformerConfigurationException.class)
                .hasMessageContaining(broken.toString());
    }

    @Test
    void aFileOutsideTheAllowedFolderIsRefused() throws IOException {
        Path outside = Files.writeString(schemas.getParent().resolve("draussen.sch"), RULES);

        assertThatThrownBy(() -> Schematron.compile(outside, schemas)).isInstanceOf(TransformerConfigurationException.class)
                .hasMessageContaining("draussen.sch");
    }

    /** A Schematron with one assertion on the root element whose text is "gelesen". */
    private static String assertion(String test) {
        return """
                <sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">
                  <sch:pattern><sch:rule context="/*"><sch:assert test="%s">gelesen</sch:assert></sch:rule></sch:pattern>
                </sch:schema>
                """.formatted(test.replace("\"", "&quot;"));
    }

    private Path write(String relativePath, String content) throws IOException {
        Path file = schemas.resolve(relativePath);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private static Schema anyContent() throws SAXException {
        return SecureXml.schemaFactory().newSchema(new StreamSource(new StringReader("""
                <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:xoev-de:xdemo:1">
                  <xs:element name="antrag"><xs:complexType><xs:sequence>
                    <xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/>
                  </xs:sequence></xs:complexType></xs:element>
                </xs:schema>""")));
    }

    private static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }
}
