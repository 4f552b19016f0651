package de.amtsbote.xoev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.XdmNode;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXParseException;

/**
 * One thread's receiver builds tree after tree: each tree stays whole after the next one is built, a broken document
 * leaves the receiver fit for the next, and the trees carry positions when asked to.
 */
class SaxonTreesTest {

    private final Processor saxon = new Processor(false);
    private final SaxonTrees trees = new SaxonTrees(saxon.getUnderlyingConfiguration(), true);

    @Test
    void eachTreeStaysWholeAfterTheNextIsBuiltOnTheSameThread() throws Exception {
        XdmNode first = new XdmNode(trees.parse(bytes("<a xmlns='urn:x'><b n='1'>eins</b></a>")));
        XdmNode second = new XdmNode(trees.parse(bytes("<a xmlns='urn:x'><b n='2'>zwei</b><c/></a>")));

        assertThat(first.toString()).isEqualTo("<a xmlns=\"urn:x\">\n   <b n=\"1\">eins</b>\n</a>");
        assertThat(second.toString()).contains("<b n=\"2\">zwei</b>", "<c/>");
    }

    @Test
    void aBrokenDocumentLeavesTheReceiverFitForTheNext() throws Exception {
        assertThatThrownBy(() -> trees.parse(bytes("<a xmlns='urn:x'><b>offen</a>"))).isInstanceOf(SAXParseException.class);
        assertThatThrownBy(() -> trees.parse(bytes("<!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>")))
                .isInstanceOf(SAXParseException.class);

        XdmNode next = new XdmNode(trees.parse(bytes("<a xmlns='urn:y'>\n  <d/></a>")));

        assertThat(next.toString()).isEqualTo("<a xmlns=\"urn:y\">\n   <d/>\n</a>");
        XdmNode d = next.children().iterator().next().children("d").iterator().next();
        assertThat(d.getLineNumber()).isEqualTo(2);
    }

    private static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }
}
