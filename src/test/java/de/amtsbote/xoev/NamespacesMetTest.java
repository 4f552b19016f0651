package de.amtsbote.xoev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;

class NamespacesMetTest {

    @Test
    void urisMetBeforeAreTakenAfterTheBoundNewOnesAreNot() {
        NamespacesMet met = new NamespacesMet(2);

        assertThat(met.meet("urn:a")).isTrue();
        assertThat(met.meet("urn:b")).isTrue();
        assertThat(met.meet("urn:c")).isFalse();
        assertThat(met.meet("urn:a")).isTrue();
        assertThat(met.meet("urn:c")).isFalse();
    }

    @Test
    void theSaxReaderRefusesADocumentDeclaringANamespaceNotMetBeforeOncePastTheBound() {
        NamespacesMet met = new NamespacesMet(2);

        assertThatCode(() -> parse(met, "<r xmlns='urn:a'><b:c xmlns:b='urn:b'/></r>")).doesNotThrowAnyException();
        assertThatCode(() -> parse(met, "<b:r xmlns:b='urn:b'/>")).doesNotThrowAnyException();
        assertThatThrownBy(() -> parse(met, "<r xmlns='urn:a'><c xmlns='urn:c'/></r>"))
                .hasMessageContaining("takes no new one until it is restarted: urn:c");
    }

    private static void parse(NamespacesMet met, String xml) throws Exception {
        var reader = SecureXml.xmlReader(met);
        reader.setContentHandler(new DefaultHandler());
        reader.setErrorHandler(new DefaultHandler());
        reader.parse(new InputSource(new StringReader(xml)));
    }
}
