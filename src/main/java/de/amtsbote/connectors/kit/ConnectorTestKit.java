package de.amtsbote.connectors.kit;

import de.amtsbote.connectors.Connector;
import de.amtsbote.connectors.ConnectorLoader;
import de.amtsbote.connectors.ConnectorProperties;
import de.amtsbote.connectors.Connectors;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The connector test kit: loads the connectors as the hub does and runs their samples ({@link SampleCheck}),
 * printing each result and, for a failure, what differs. Exit code 1 if a sample failed or a connector is invalid.
 * <pre>
 *   mvn -Pconnector-test [-Dconnector=&lt;id&gt;] [-Dconnector.update=true]
 * </pre>
 * System properties: {@code connector} (one connector; all when empty), {@code connector.update} (write missing or
 * changed expected outputs, for review), {@code amtsbote.connectors.routes} and {@code .schemas} (the folders).
 */
public final class ConnectorTestKit {

    private ConnectorTestKit() {
    }

    public static void main(String[] args) throws IOException {
        String only = System.getProperty("connector", "");
        boolean update = Boolean.getBoolean("connector.update");
        StandardEnvironment environment = environment();
        Path routes = Path.of(environment.getProperty("amtsbote.connectors.routes", "routes"));
        Path schemas = Path.of(environment.getProperty("amtsbote.connectors.schemas", "schemas"));
        PrintStream out = System.out;
        Connectors connectors;
        try {
            connectors = new ConnectorLoader(new ConnectorProperties(routes, schemas), environment).load();
        } catch (RuntimeException e) {
            out.println("FAIL connectors cannot be loaded: " + e.getMessage());
            System.exit(1);
            return;
        }
        List<SampleResult> results = run(connectors, only, update);
        results.forEach(result -> {
            out.println((result.passed() ? "ok   " : "FAIL ") + result.connector() + " " + result.sample());
            if (!result.passed()) {
                result.report().lines().forEach(line -> out.println("       " + line));
            }
        });
        long failed = results.stream().filter(result -> !result.passed()).count();
        out.println(results.size() - failed + " passed, " + failed + " failed");
        System.exit(failed == 0 && !results.isEmpty() ? 0 : 1);
    }

    /** The samples of one connector, or of all when {@code only} is empty. */
    public static List<SampleResult> run(Connectors connectors, String only, boolean update) {
        SampleCheck check = new SampleCheck(connectors, update);
        List<SampleResult> results = new ArrayList<>();
        for (Connector connector : connectors.byId().values()) {
            if (only.isEmpty() || only.equals(connector.id())) {
                results.addAll(check.run(connector));
            }
        }
        if (!only.isEmpty() && results.isEmpty()) {
            results.add(SampleResult.fail(only, "", "no such connector; known: " + connectors.byId().keySet()));
        }
        return results;
    }

    /** The hub's own defaults (placeholders such as the data directory) under the system properties. */
    public static StandardEnvironment environment() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yaml"))
                .forEach(environment.getPropertySources()::addLast);
        return environment;
    }
}
