package de.amtsbote.legacy;

import com.thoughtworks.xstream.XStream;
import com.thoughtworks.xstream.io.xml.AbstractPullReader;
import com.thoughtworks.xstream.io.xml.PrettyPrintWriter;
import com.thoughtworks.xstream.io.xml.StaxDriver;
import com.thoughtworks.xstream.security.NoTypePermission;
import com.thoughtworks.xstream.security.NullPermission;
import com.thoughtworks.xstream.security.PrimitiveTypePermission;
import de.amtsbote.xoev.SecureXml;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.io.OutputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;
import org.apache.camel.Exchange;
import org.apache.camel.spi.DataFormat;
import org.apache.camel.spi.DataFormatName;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The XML shapes of legacy specialist systems, written and read by XStream, for connectors that cannot speak the
 * hub's SOAP contract. What such a system answers is untrusted input, and XStream would otherwise build any class the
 * XML names (the gadget chains of its CVEs), so it runs with its security framework denying every type but the
 * given legacy-format classes, null, primitives and strings, and it parses only through the hub's hardened StAX
 * factory with DOCTYPE declarations refused. Element names come from the classes' XStream annotations.
 */
public class LegacyXmlDataFormat extends ServiceSupport implements DataFormat, DataFormatName {

    private final XStream xstream;

    /** @param types the legacy-format classes this format may build; nothing else is read */
    public LegacyXmlDataFormat(Class<?>... types) {
        if (types.length == 0) {
            throw new IllegalArgumentException("a legacy XML format needs at least one legacy-format class");
        }
        this.xstream = new XStream(new HardenedStaxDriver());
        xstream.addPermission(NoTypePermission.NONE); // first: it clears whatever XStream allows by default
        xstream.addPermission(NullPermission.NULL);
        xstream.addPermission(PrimitiveTypePermission.PRIMITIVES);
        xstream.allowTypes(new Class<?>[] {String.class});
        xstream.allowTypes(types);
        xstream.processAnnotations(types);
        // Legacy systems write plain trees; XStream's references only serve object graphs (and recursion attacks).
        xstream.setMode(XStream.NO_REFERENCES);
    }

    @Override
    public String getDataFormatName() {
        return "legacy-xml";
    }

    /** Indented, with an XML declaration: legacy systems (and people reading their input folders) expect both. */
    @Override
    public void marshal(Exchange exchange, Object graph, OutputStream stream) throws IOException {
        Writer writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        writer.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xstream.marshal(graph, new PrettyPrintWriter(writer));
        writer.write('\n');
        writer.flush();
    }

    /**
     * @throws com.thoughtworks.xstream.security.ForbiddenClassException if the document names any other type
     * @throws com.thoughtworks.xstream.io.StreamException              if it is not well-formed or has a DOCTYPE
     */
    @Override
    public Object unmarshal(Exchange exchange, InputStream stream) {
        return xstream.fromXML(stream);
    }

    /** StAX through {@link SecureXml}: no DTD processing, no external entities, a DOCTYPE is an error. */
    private static final class HardenedStaxDriver extends StaxDriver {

        @Override
        protected XMLInputFactory createInputFactory() {
            return SecureXml.inputFactory();
        }

        @Override
        public AbstractPullReader createStaxReader(XMLStreamReader in) {
            return super.createStaxReader(SecureXml.rejectingDoctype(in));
        }
    }
}
