package de.amtsbote.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.amtsbote.Canary;
import de.amtsbote.xoev.SecureXml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A mapping that follows a URI from the message reads nothing outside its connector folder: not a URL (a
 * {@link Canary} counts every connection), not a local file elsewhere.
 */
class MappingTest {

    private final Canary canary = new Canary();

    @TempDir
    Path temp;

    @AfterEach
    void closeCanary() {
        canary.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"document(@href)", "doc(@href)", "unparsed-text(@href)", "unparsed-text-lines(@href)",
            "json-doc(@href)", "collection(@href)", "uri-collection(@href)"})
    void aUriFromTheMessageIsNotFetched(String read) throws Exception {
        Mapping mapping = Mapping.compile(stylesheet("<xsl:copy-of select=\"" + read + "\"/>"));

        assertThatThrownBy(() -> mapping.apply(message(canary.url("/mapping")), Map.of())).isInstanceOf(TransformerException.class);
        assertThat(canary.connections()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"doc-available(@href)", "unparsed-text-available(@href)"})
    void aUriFromTheMessageIsNotEvenProbed(String probe) throws Exception {
        Mapping mapping = Mapping.compile(stylesheet("<xsl:value-of select=\"" + probe + "\"/>"));

        assertThat(text(mapping.apply(message(canary.url("/probe")), Map.of()))).isEqualTo("false");
        assertThat(canary.connections()).isZero();
    }

    @Test
    void aFileOutsideTheConnectorFolderIsNotRead() throws Exception {
        Path outside = Files.writeString(temp.resolve("secret.txt"), "geheim");
        Mapping mapping = Mapping.compile(stylesheet("<xsl:value-of select=\"unparsed-text(@href)\"/>"));

        assertThatThrownBy(() -> mapping.apply(message(outside.toUri().toString()), Map.of()))
                .isInstanceOf(TransformerException.class).hasMessageContaining("own folder");
    }

    @Test
    void filesOfTheConnectorFolderAreRead() throws Exception {
        Path stylesheet = stylesheet("<xsl:value-of select=\"document('codes.xml')/codes/code, unparsed-text('note.txt')\"/>");
        Files.writeString(stylesheet.resolveSibling("codes.xml"), "<codes><code>0200</code></codes>");
        Files.writeString(stylesheet.resolveSibling("note.txt"), "Bauantrag");

        byte[] result = Mapping.compile(stylesheet).apply(message("unused"), Map.of());

        assertThat(text(result)).isEqualTo("0200 Bauantrag");
    }

    @Test
    void anIncludeFromOutsideTheFolderStopsTheCompilation() throws Exception {
        Files.writeString(temp.resolve("elsewhere.xsl"), "<xsl:stylesheet version=\"3.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"/>");
        Path stylesheet = stylesheet("", "<xsl:include href=\"../elsewhere.xsl\"/>");

        assertThatThrownBy(() -> Mapping.compile(stylesheet)).isInstanceOf(TransformerConfigurationException.class);
    }

    @Test
    void extensionsAreOff() throws Exception {
        Mapping mapping = Mapping.compile(stylesheet(
                "<xsl:value-of select=\"environment-variable('PATH'), system-property('user.home')\"/>"));

        assertThat(text(mapping.apply(message("unused"), Map.of()))).isBlank();
    }

    private Path stylesheet(String body) throws IOException {
        return stylesheet(body, "");
    }

    /** A stylesheet in a connector folder of its own (below the temp folder, so that files beside it are outside). */
    private Path stylesheet(String body, String declarations) throws IOException {
        Path folder = Files.createDirectories(temp.resolve("connector"));
        return Files.writeString(folder.resolve("mapping.xsl"), """
                <xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
                  %s
                  <xsl:template match="/*"><result>%s</result></xsl:template>
                </xsl:stylesheet>""".formatted(declarations, body), StandardCharsets.UTF_8);
    }

    @Test
    void aJsonMappingIsSerializedAsJson() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("json"));
        Path stylesheet = Files.writeString(folder.resolve("mapping.xsl"), """
                <xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
                  <xsl:param name="trackingId"/>
                  <xsl:output method="json"/>
                  <xsl:template match="/*">
                    <xsl:sequence select="map { 'trackingId': $trackingId, 'href': string(@href), 'kinder': array { 1, 2 } }"/>
                  </xsl:template>
                </xsl:stylesheet>""");

        byte[] json = Mapping.compile(stylesheet).apply(message("x"), Map.of("trackingId", "t-1"));

        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json)).isEqualTo(
                new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"trackingId\":\"t-1\",\"href\":\"x\",\"kinder\":[1,2]}"));
    }

    /** Saxon fails every parse once its name pool holds about a million names: 1.1 million in 112 messages here. */
    @Test
    void aMappingKeepsMappingAfterMessagesBroughtMoreNamesThanOneSaxonHolds() throws Exception {
        Mapping mapping = Mapping.compile(stylesheet("<xsl:copy-of select=\"*[last()]\"/>"));
        int names = SecureXml.MAX_DISTINCT_NAMES - 10;

        for (int message = 0; message < 112; message++) {
            String prefix = "m" + message + "n";
            String made = IntStream.range(0, names).mapToObj(i -> "<" + prefix + i + "/>")
                    .collect(Collectors.joining());
            byte[] result = mapping.apply(("<nachricht>" + made + "</nachricht>").getBytes(StandardCharsets.UTF_8),
                    Map.of());
            assertThat(new String(result, StandardCharsets.UTF_8)).as("message %d", message)
                    .endsWith("<result><" + prefix + (names - 1) + "/></result>");
        }
    }

    private static String text(byte[] xml) throws Exception {
        return de.amtsbote.xoev.SecureXml.documentBuilder().parse(new java.io.ByteArrayInputStream(xml))
                .getDocumentElement().getTextContent();
    }

    private static byte[] message(String href) {
        return ("<nachricht href=\"" + href + "\"/>").getBytes(StandardCharsets.UTF_8);
    }
}
