package de.amtsbote.connectors;

/**
 * A rule of another part of the hub that a connector set must keep before it is put in force, at startup and on a
 * reload (delivery: every retry patience shorter than the delivered keys' retention).
 */
public interface ConnectorsCheck {

    /** @throws ConnectorConfigurationException naming the connector file and the problem */
    void check(Connectors candidate);
}
