package de.amtsbote.legacy;

import com.thoughtworks.xstream.annotations.XStreamAlias;
import com.thoughtworks.xstream.annotations.XStreamConverter;
import com.thoughtworks.xstream.converters.extended.ToAttributedValueConverter;
import de.amtsbote.xoev.SecureXml;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A case in the flat shape legacy specialist systems (the registry office's) take: a case type, the hub's ids and an
 * ordered list of named fields. A connector's mapping fills it without Java code: its stylesheet produces
 * {@code <case type="…"><field name="…">value</field>…</case>}, and XStream writes the legacy shape:
 * <pre>{@code
 * <case>
 *   <type>Eheanmeldung</type>
 *   <trackingId>…</trackingId>
 *   <messageId>…</messageId>
 *   <fields>
 *     <field name="partner1.familienname">Muster</field>
 *   </fields>
 * </case>
 * }</pre>
 * Classes rather than records: XStream 1.4 cannot set the fields of a record.
 */
@XStreamAlias("case")
public final class LegacyCase {

    private final String type;
    private final String trackingId;
    private final String messageId;
    private final List<Field> fields;

    public LegacyCase(String type, String trackingId, String messageId, List<Field> fields) {
        this.type = type;
        this.trackingId = trackingId;
        this.messageId = messageId;
        this.fields = new ArrayList<>(fields);
    }

    /** Reads a mapping's {@code <case type="…"><field name="…">…</field></case>} through the hardened parser. */
    public static LegacyCase fromMapping(byte[] mapped, String trackingId, String messageId) throws XMLStreamException {
        XMLStreamReader reader = SecureXml.rejectingDoctype(SecureXml.inputFactory()
                .createXMLStreamReader(new ByteArrayInputStream(mapped)));
        try {
            reader.nextTag();
            if (!"case".equals(reader.getLocalName()) || reader.getAttributeValue(null, "type") == null) {
                throw new XMLStreamException("a legacy mapping must produce <case type=\"…\">, not <" + reader.getLocalName() + ">");
            }
            String type = reader.getAttributeValue(null, "type");
            List<Field> fields = new ArrayList<>();
            while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
                String name = reader.getAttributeValue(null, "name");
                if (!"field".equals(reader.getLocalName()) || name == null) {
                    throw new XMLStreamException("<case> holds only <field name=\"…\"> elements, not <" + reader.getLocalName() + ">");
                }
                fields.add(new Field(name, reader.getElementText()));
            }
            return new LegacyCase(type, trackingId, messageId, fields);
        } finally {
            reader.close();
        }
    }

    public String type() {
        return type;
    }

    public List<Field> fields() {
        return List.copyOf(fields);
    }

    /** One value of a case, named by a dotted path ({@code partner1.familienname}). */
    @XStreamAlias("field")
    @XStreamConverter(value = ToAttributedValueConverter.class, strings = {"value"})
    public static final class Field {

        private final String name;
        private final String value;

        public Field(String name, String value) {
            this.name = name;
            this.value = value;
        }

        public String name() {
            return name;
        }

        public String value() {
            return value;
        }
    }
}
