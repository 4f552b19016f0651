package de.amtsbote.connectors;

import de.amtsbote.xoev.HeaderProfile;
import de.amtsbote.xoev.SchemaValidator;
import javax.xml.validation.Schema;

/** A loaded connector: its definition with the schema and mapping compiled once, and its destination. */
public record Connector(ConnectorDefinition definition, HeaderProfile profile, Schema schema, Mapping mapping,
                        DestinationProperties.Destination destination) {

    public String id() {
        return definition.id();
    }

    public String destinationId() {
        return definition.destination();
    }

    public void validate(byte[] xml) {
        SchemaValidator.validate(schema, xml);
    }
}
