package de.amtsbote.connectors;

import java.util.List;

/**
 * A connector as an integrator writes it in {@code routes/<id>/connector.yaml}.
 *
 * @param standard    the id of the header profile in {@code routes/standards/} (e.g. {@code xbau-2.6})
 * @param messages    the root elements this connector takes, as {@code {namespace}localName}
 * @param schema      the XSD to validate against, relative to {@code schemas/}
 * @param mapping     optional XSLT, relative to the connector's folder, producing what the destination takes
 * @param destination the id of a destination under {@code amtsbote.destinations}
 */
public record ConnectorDefinition(String id, String description, String standard, List<String> messages,
                                  String schema, String mapping, String destination) {
}
