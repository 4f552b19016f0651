package de.amtsbote.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the files under {@code docker/} say, read as Docker Compose and Kubernetes would read them, for tests that
 * cannot run either: the YAML documents, the compose file's hub environment with its variables substituted, the
 * layers the Dockerfile copies.
 */
public final class DeploymentFiles {

    public static final Path DOCKER = Path.of("docker");
    public static final Path COMPOSE = DOCKER.resolve("compose.yaml");
    public static final Path ENV_EXAMPLE = DOCKER.resolve(".env.example");
    public static final Path DOCKERFILE = DOCKER.resolve("Dockerfile");
    public static final Path K8S = DOCKER.resolve("k8s");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Compose's interpolation: $$, ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");
    private static final Pattern LAYER_COPY = Pattern.compile("(?m)^COPY --from=layers /build/extracted/([^/]+)/ \\./\\s*$");

    private DeploymentFiles() {
    }

    /** Every YAML file under {@code docker/}. */
    public static List<Path> yamlFiles() {
        try (Stream<Path> files = Files.walk(DOCKER)) {
            return files.filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All documents of a YAML file (Kubernetes files may hold several, separated by {@code ---}). */
    public static List<JsonNode> documents(Path file) {
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            List<JsonNode> documents = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(document -> {
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            });
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException("not valid YAML: " + file, e);
        }
    }

    /** The Kubernetes objects under {@code docker/k8s/}, by kind and name (e.g. {@code Deployment/amtsbote}). */
    public static Map<String, JsonNode> kubernetesObjects() {
        Map<String, JsonNode> objects = new LinkedHashMap<>();
        yamlFiles().stream().filter(file -> file.startsWith(K8S)).forEach(file -> documents(file).forEach(document -> {
            if (document.has("kind") && document.has("apiVersion") && document.path("metadata").has("name")) {
                objects.put(document.get("kind").asText() + "/" + document.path("metadata").path("name").asText(), document);
            }
        }));
        return objects;
    }

    /** The variables of {@code docker/.env.example}, as compose reads a {@code .env} file. */
    public static Map<String, String> envExample() {
        try {
            Map<String, String> variables = new LinkedHashMap<>();
            for (String line : Files.readAllLines(ENV_EXAMPLE)) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#") && trimmed.contains("=")) {
                    variables.put(trimmed.substring(0, trimmed.indexOf('=')).strip(), trimmed.substring(trimmed.indexOf('=') + 1).strip());
                }
            }
            return variables;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A service's {@code environment} in compose.yaml (map or list form), its variables substituted from these. */
    public static Map<String, String> composeEnvironment(String service, Map<String, String> variables) {
        JsonNode environment = documents(COMPOSE).get(0).path("services").path(service).path("environment");
        Map<String, String> resolved = new LinkedHashMap<>();
        if (environment.isArray()) {
            environment.forEach(entry -> {
                String text = entry.asText();
                int equals = text.indexOf('=');
                resolved.put(equals < 0 ? text : text.substring(0, equals), equals < 0 ? variables.getOrDefault(text, "")
                        : interpolate(text.substring(equals + 1), variables));
            });
        } else {
            environment.fields().forEachRemaining(entry -> resolved.put(entry.getKey(), interpolate(entry.getValue().asText(), variables)));
        }
        if (resolved.isEmpty()) {
            throw new IllegalStateException("no environment for service " + service + " in " + COMPOSE);
        }
        return resolved;
    }

    /** Substitutes as {@code docker compose} does; a required variable that is missing fails as compose would. */
    static String interpolate(String value, Map<String, String> variables) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String replacement;
            if (matcher.group().equals("$$")) {
                replacement = "$";
            } else {
                String name = matcher.group(1);
                String operator = matcher.group(2);
                String current = variables.get(name);
                boolean unset = current == null || (operator != null && operator.startsWith(":") && current.isEmpty());
                if (operator != null && operator.endsWith("?") && unset) {
                    throw new IllegalStateException("required variable " + name + " is missing: " + matcher.group(3));
                }
                replacement = unset && operator != null && operator.endsWith("-") ? matcher.group(3) : current == null ? "" : current;
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    /** The layers the Dockerfile copies from the extracted jar into the image, in order. */
    public static List<String> dockerfileLayers() {
        try {
            return LAYER_COPY.matcher(Files.readString(DOCKERFILE)).results().map(match -> match.group(1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
