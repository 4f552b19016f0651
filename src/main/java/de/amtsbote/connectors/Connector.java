package de.amtsbote.connectors;

import de.amtsbote.legacy.LegacyCase;
import de.amtsbote.legacy.LegacyXmlDataFormat;
import de.amtsbote.xoev.CodeLists;
import de.amtsbote.xoev.HeaderProfile;
import de.amtsbote.xoev.SchemaValidator;
import de.amtsbote.xoev.Schematron;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import javax.xml.transform.TransformerException;
import javax.xml.validation.Schema;

/**
 * A loaded connector: its definition with schema, code lists, Schematron and mapping compiled once, and its
 * destination with the credentials it names.
 *
 * @param file       the connector's {@code connector.yaml}
 * @param schematron null when the connector has no rules beyond its schema
 * @param mapping    null when the destination takes the message as it came
 */
public record Connector(ConnectorDefinition definition, Path file, HeaderProfile profile, Schema schema,
                        CodeLists codeLists, Schematron schematron, Mapping mapping, Destination destination,
                        Credentials credentials) {

    /** XStream writes legacy cases; it builds nothing from input here, so its allowlist is just these two. */
    private static final LegacyXmlDataFormat LEGACY_CASES = new LegacyXmlDataFormat(LegacyCase.class, LegacyCase.Field.class);

    public String id() {
        return definition.id();
    }

    public String destinationId() {
        return destination.id();
    }

    /**
     * Schema and code lists in one pass, then the standard's rules on the tree that the same pass built; the first
     * that refuses throws.
     */
    public void validate(byte[] xml) {
        if (schematron == null) {
            SchemaValidator.validate(schema, codeLists, xml);
            return;
        }
        Schematron.Tree tree = Schematron.tree();
        SchemaValidator.validate(schema, codeLists, xml, tree.handler());
        schematron.validate(tree);
    }

    /** What the destination receives for a message; a failure here fails the same way on every attempt. */
    public Payload map(byte[] xml, String trackingId, String messageId) throws TransformerException {
        if (mapping == null) {
            return new Payload(xml, ConnectorDefinition.Output.XML.contentType());
        }
        ConnectorDefinition.Output output = definition.mapping().output();
        byte[] mapped = mapping.apply(xml, Map.of("trackingId", trackingId, "messageId", messageId));
        if (output == ConnectorDefinition.Output.LEGACY_XML) {
            try {
                ByteArrayOutputStream legacy = new ByteArrayOutputStream(mapped.length);
                LEGACY_CASES.marshal(null, LegacyCase.fromMapping(mapped, trackingId, messageId), legacy);
                mapped = legacy.toByteArray();
            } catch (XMLStreamException | java.io.IOException e) {
                throw new TransformerException("The mapping " + mapping.file().getFileName()
                        + " produced no legacy case: " + e.getMessage(), e);
            }
        }
        return new Payload(mapped, output.contentType());
    }
}
