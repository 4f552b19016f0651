package de.amtsbote.connectors;

import de.amtsbote.connectors.kit.SampleCheck;
import de.amtsbote.connectors.kit.SampleResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The connector test kit's results for the connectors in force, as operators see them: run once per connector set
 * (at the first look), not on every request.
 */
@Component
public class ConnectorSamples {

    private final ConnectorRegistry connectors;
    private final Map<Connector, List<SampleResult>> results = new ConcurrentHashMap<>();

    ConnectorSamples(ConnectorRegistry connectors) {
        this.connectors = connectors;
    }

    public List<SampleResult> of(Connector connector) {
        results.keySet().removeIf(known -> connectors.current().byId().get(known.id()) != known); // replaced by a reload
        return results.computeIfAbsent(connector, c -> new SampleCheck(connectors.current(), false).run(c));
    }
}
