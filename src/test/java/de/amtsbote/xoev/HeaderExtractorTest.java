package de.amtsbote.xoev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.amtsbote.Samples;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;

class HeaderExtractorTest {

    private static final String XBAU = "http://www.xleitstelle.de/xbau/2/6";
    private static final String G2G = "http://xoev.de/schemata/basisnachricht/g2g/1_1";
    private static final String XBETEILIGUNG = "http://www.xleitstelle.de/xbeteiligung/12";

    private static final HeaderProfile.PartyPaths DVDV_PARTY = new HeaderProfile.PartyPaths("verzeichnisdienst/code", "kennung", "name");
    private static final HeaderProfile.Paths G2G_PATHS = new HeaderProfile.Paths("identifikation.nachricht/nachrichtenUUID",
            "identifikation.nachricht/nachrichtentyp", "identifikation.nachricht/erstellungszeitpunkt", "autor", "leser");
    private static final HeaderProfile XBAU_26 = new HeaderProfile("xbau-2.6", "XBau", "2.6", List.of(XBAU),
            "nachrichtenkopf.g2g", G2G_PATHS, DVDV_PARTY,
            List.of("referenzAntragsservice/referenzAntragsservice", "bezug/referenz"),
            List.of("bezug/bezugNachricht/nachrichtenUUID"));
    /** XBeteiligung qualifies its header: the same paths, another header name. */
    private static final HeaderProfile XBETEILIGUNG_12 = new HeaderProfile("xbeteiligung-1.2", "XBeteiligung", "1.2",
            List.of(XBETEILIGUNG), "{" + G2G + "}nachrichtenkopf.g2g", G2G_PATHS, DVDV_PARTY, null, null);

    private final HeaderExtractor extractor = new HeaderExtractor(
            Map.of(XBAU, XBAU_26, XBETEILIGUNG, XBETEILIGUNG_12)::get);

    @Test
    void readsTheXBauHeaderIntoATypedValue() {
        String xml = Samples.xbau("baugenehmigung-antrag-0200.xml");

        XoevHeader header = extractor.extract(stream(xml));

        assertThat(header.root()).isEqualTo(new QName(XBAU, "baugenehmigung.antrag.0200"));
        assertThat(header.profile()).isEqualTo("xbau-2.6");
        assertThat(header.messageId()).isEqualTo(Samples.messageId(xml));
        assertThat(header.messageType()).isEqualTo(new MessageType("0200", "urn:xoev-de:xbau:codeliste:xbau-nachrichten", "4.0"));
        assertThat(header.createdAt()).isEqualTo(OffsetDateTime.parse("2025-11-24T09:41:27.318+01:00"));
        assertThat(header.author()).isEqualTo(new Party("DVDV", "bau:08111900", "Bauportal Stuttgart"));
        assertThat(header.reader()).isEqualTo(new Party("DVDV", "bau:08111000", "Baurechtsamt Stuttgart"));
        assertThat(header.standard()).isEqualTo("XBau-Hochbau");
        assertThat(header.version()).isEqualTo("2.6");
        assertThat(header.test()).isFalse();
        assertThat(header.typeCodeMatchesRoot()).isTrue();
    }

    @Test
    void anAnswerNamesTheMessageItAnswersAndItsCase() {
        XoevHeader header = extractor.extractAnswer(stream(Samples.xbau("baugenehmigung-formellePruefung-0201.xml")));

        assertThat(header.root()).isEqualTo(new QName(XBAU, "baugenehmigung.formellePruefung.0201"));
        assertThat(header.answerReference()).isEqualTo("d79e9011-523c-4be7-b8b0-689a437f40ad");
        assertThat(header.caseReference()).isEqualTo("12398129-165a-48c5-ac2e-099489cb374e");
    }

    @Test
    void aSubmissionIsNotReadForAnAnswerReference() {
        XoevHeader header = extractor.extract(stream(Samples.xbau("baugenehmigung-formellePruefung-0201.xml")));

        assertThat(header.answerReference()).isNull();
        assertThat(header.caseReference()).isEqualTo("12398129-165a-48c5-ac2e-099489cb374e");
    }

    @Test
    void readsAQualifiedHeaderWithItsOwnProfile() {
        String xml = """
                <xbe:kommunal.Initiieren.0401 xmlns:xbe="%s" xmlns:g2g="%s" test="true">
                  <g2g:nachrichtenkopf.g2g>
                    <g2g:identifikation.nachricht>
                      <g2g:nachrichtenUUID>6f1c1a64-44a3-4bd6-9a37-2a1f7a0d3e11</g2g:nachrichtenUUID>
                      <g2g:nachrichtentyp listURI="urn:xoev-de:xleitstelle:codeliste:xbeteiligung-nachrichten"><code>0401</code></g2g:nachrichtentyp>
                      <g2g:erstellungszeitpunkt>2026-03-02T10:00:00</g2g:erstellungszeitpunkt>
                    </g2g:identifikation.nachricht>
                    <g2g:leser><g2g:verzeichnisdienst><code>DVDV</code></g2g:verzeichnisdienst><g2g:kennung>plan:1</g2g:kennung></g2g:leser>
                  </g2g:nachrichtenkopf.g2g>
                </xbe:kommunal.Initiieren.0401>""".formatted(XBETEILIGUNG, G2G);

        XoevHeader header = extractor.extract(stream(xml));

        assertThat(header.profile()).isEqualTo("xbeteiligung-1.2");
        assertThat(header.messageId()).isEqualTo("6f1c1a64-44a3-4bd6-9a37-2a1f7a0d3e11");
        assertThat(header.messageType().code()).isEqualTo("0401");
        assertThat(header.reader()).isEqualTo(new Party("DVDV", "plan:1", null));
        assertThat(header.author()).isNull();
        assertThat(header.createdAt().toLocalDateTime()).isEqualTo("2026-03-02T10:00:00");
        assertThat(header.standard()).isEqualTo("XBeteiligung");
        assertThat(header.test()).isTrue();
        assertThat(header.caseKey()).as("without a case reference a message is its own case").isEqualTo(header.messageId());
    }

    @Test
    void anApplicationAndItsAmendmentBelongToOneCase() {
        XoevHeader application = extractor.extract(stream(Samples.xbau("baugenehmigung-antrag-0200.xml")));
        XoevHeader amendment = extractor.extract(stream(Samples.xbau("baugenehmigung-antragGeaendert-0202.xml")));

        assertThat(application.caseReference()).isEqualTo("12398129-165a-48c5-ac2e-099489cb374e");
        assertThat(amendment.caseKey()).isEqualTo(application.caseKey());
        assertThat(amendment.messageId()).isNotEqualTo(application.messageId());
    }

    @Test
    void stopsReadingAfterTheCaseReference() {
        String xml = Samples.xbau("baugenehmigung-antrag-0200.xml");
        String end = "</xbau:referenzAntragsservice>";
        String headerOnly = xml.substring(0, xml.indexOf(end) + end.length());
        InputStream neverRead = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body after the header was read");
            }
        };

        XoevHeader header = extractor.extract(new SequenceInputStream(stream(headerOnly), neverRead));

        assertThat(header.messageId()).isEqualTo(Samples.messageId(xml));
        assertThat(header.caseReference()).isEqualTo("12398129-165a-48c5-ac2e-099489cb374e");
    }

    @Test
    void notesAHeaderCodeThatDisagreesWithTheRoot() {
        XoevHeader header = extractor.extract(stream(Samples.xbau("baugenehmigung-antrag-0200-header-code-mismatch.xml")));

        assertThat(header.rootCode()).isEqualTo("0200");
        assertThat(header.messageType().code()).isEqualTo("0201");
        assertThat(header.typeCodeMatchesRoot()).isFalse();
    }

    @Test
    void refusesADoctype() {
        String xml = "<!DOCTYPE x [<!ENTITY a \"b\">]><x/>";

        assertThatThrownBy(() -> extractor.extract(stream(xml)))
                .isInstanceOf(MalformedXmlException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void refusesAStandardWithoutProfile() {
        assertThatThrownBy(() -> extractor.extract(stream("<n:x xmlns:n=\"urn:unknown\"/>")))
                .isInstanceOf(UnsupportedMessageException.class).hasMessageContaining("urn:unknown");
    }

    @Test
    void refusesAMessageWhoseFirstElementIsNotTheHeader() {
        String xml = "<xbau:baugenehmigung.antrag.0200 xmlns:xbau=\"" + XBAU + "\"><xbau:antragsteller/>"
                + "</xbau:baugenehmigung.antrag.0200>";

        assertThatThrownBy(() -> extractor.extract(stream(xml)))
                .isInstanceOf(InvalidMessageException.class)
                .satisfies(e -> assertThat(((InvalidMessageException) e).problems().get(0).message())
                        .contains("nachrichtenkopf.g2g"));
    }

    @Test
    void reportsWhereTheXmlBreaks() {
        String xml = "<xbau:baugenehmigung.antrag.0200 xmlns:xbau=\"" + XBAU + "\">\n<nachrichtenkopf.g2g>\n  <x></y>";

        assertThatThrownBy(() -> extractor.extract(stream(xml)))
                .isInstanceOf(MalformedXmlException.class)
                .satisfies(e -> assertThat(((MalformedXmlException) e).problems().get(0).line()).isEqualTo(3));
    }

    private static InputStream stream(String xml) {
        return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
    }
}
