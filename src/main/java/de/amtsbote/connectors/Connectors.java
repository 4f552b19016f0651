package de.amtsbote.connectors;

import de.amtsbote.xoev.HeaderProfile;
import java.util.Map;
import javax.xml.namespace.QName;

/**
 * One consistent set of loaded connectors: what the hub runs on until a reload replaces it as a whole.
 *
 * @param byId                 in the order of their folders
 * @param destinations         each destination once, by id
 * @param answersByRoot        the connector whose specialist system answers with a root element
 */
public record Connectors(Map<String, Connector> byId, Map<QName, Connector> byRoot,
                         Map<String, HeaderProfile> profilesByNamespace, Map<String, Destination> destinations,
                         Map<QName, Connector> answersByRoot) {

    public Connectors {
        byId = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byId));
        byRoot = Map.copyOf(byRoot);
        answersByRoot = Map.copyOf(answersByRoot);
        profilesByNamespace = Map.copyOf(profilesByNamespace);
        destinations = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(destinations));
    }

    /** What the hub presents to a destination, as the connectors naming it resolved it (they declare it alike). */
    public Credentials credentialsOf(String destinationId) {
        return byId.values().stream().filter(connector -> connector.destinationId().equals(destinationId))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("Unknown destination " + destinationId))
                .credentials();
    }
}
