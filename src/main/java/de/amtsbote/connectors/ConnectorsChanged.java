package de.amtsbote.connectors;

/** Published after a reload replaced the connector set; delivery, metrics and health take on new destinations. */
public record ConnectorsChanged(Connectors previous, Connectors current) {
}
