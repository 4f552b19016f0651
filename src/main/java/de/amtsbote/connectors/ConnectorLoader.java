package de.amtsbote.connectors;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import de.amtsbote.xoev.CodeLists;
import de.amtsbote.xoev.HeaderProfile;
import de.amtsbote.xoev.Schematron;
import jakarta.validation.Validation;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.namespace.QName;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.validation.Schema;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.validation.FieldError;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import org.xml.sax.SAXException;

/**
 * Reads the connectors under {@code routes/} into one {@link Connectors} set and checks everything before the set is
 * used: a missing schema, mapping, code list or header profile, an unknown protocol, a field nobody reads, two
 * connectors claiming one message, or credentials that are not set, stop the load with a message naming the file.
 *
 * <p>A connector file is bound like Spring configuration (relaxed names, durations such as {@code 15m},
 * {@code ${…}} placeholders from the environment). Its {@code destination:} block is bound together with the
 * deployer's {@code amtsbote.destinations.<id>.*}, which wins.
 */
public final class ConnectorLoader {

    static final String CONNECTOR_FILE = "connector.yaml";
    static final String STANDARDS_FOLDER = "standards";
    private static final String CONNECTOR = "connector";
    private static final String DESTINATION = "destination";
    private static final String DESTINATIONS = "amtsbote.destinations";
    private static final String CREDENTIALS = "amtsbote.credentials";

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private final ConnectorProperties properties;
    private final ConfigurableEnvironment environment;
    private final SpringValidatorAdapter validator;

    public ConnectorLoader(ConnectorProperties properties, ConfigurableEnvironment environment) {
        this.properties = properties;
        this.environment = environment;
        this.validator = new SpringValidatorAdapter(Validation.buildDefaultValidatorFactory().getValidator());
    }

    public Connectors load() {
        Path routes = properties.routes();
        Map<String, HeaderProfile> profiles = loadProfiles(routes.resolve(STANDARDS_FOLDER));
        SchemaCompiler schemas = new SchemaCompiler(properties.schemas());
        Map<String, Connector> byId = new LinkedHashMap<>();
        Map<QName, Connector> byRoot = new HashMap<>();
        Map<String, HeaderProfile> profilesByNamespace = new HashMap<>();
        Map<String, Destination> destinations = new HashMap<>();
        Map<QName, Connector> answersByRoot = new HashMap<>();
        // compiling schemas, rules and mappings is most of a start: the connectors compile side by side (the
        // schema compiler one at a time), and are then taken in the order of their folders
        List<Connector> compiled = connectorFiles(routes).parallelStream()
                .map(file -> load(file, profiles, schemas)).toList();
        for (Connector connector : compiled) {
            Path file = connector.file();
            if (byId.putIfAbsent(connector.id(), connector) != null) {
                throw new ConnectorConfigurationException(file, "a connector with id '" + connector.id() + "' exists already");
            }
            for (String message : connector.definition().messages()) {
                QName root = QName.valueOf(message);
                Connector other = byRoot.putIfAbsent(root, connector);
                if (other != null) {
                    throw new ConnectorConfigurationException(file, "message " + message
                            + " is already taken by connector '" + other.id() + "'");
                }
                profilesByNamespace.put(root.getNamespaceURI(), connector.profile());
            }
            for (String answer : connector.definition().answers()) {
                QName root = QName.valueOf(answer);
                Connector other = answersByRoot.putIfAbsent(root, connector);
                if (other != null) {
                    throw new ConnectorConfigurationException(file, "answer " + answer
                            + " is already taken by connector '" + other.id() + "'");
                }
                profilesByNamespace.put(root.getNamespaceURI(), connector.profile());
            }
            Destination shared = destinations.putIfAbsent(connector.destinationId(), connector.destination());
            if (shared != null && !shared.equals(connector.destination())) {
                throw new ConnectorConfigurationException(file, "destination '" + connector.destinationId()
                        + "' is declared differently by another connector; connectors sharing a destination declare it alike");
            }
        }
        return new Connectors(byId, byRoot, profilesByNamespace, destinations, answersByRoot);
    }

    private Connector load(Path file, Map<String, HeaderProfile> profiles, SchemaCompiler schemas) {
        Map<String, Object> connectorKeys = new LinkedHashMap<>();
        Map<String, Object> destinationKeys = new LinkedHashMap<>();
        readYaml(file).forEach((key, value) -> {
            if (key.equals(DESTINATION) || key.startsWith(DESTINATION + ".")) {
                destinationKeys.put(key.substring(DESTINATION.length()), value);
            } else {
                connectorKeys.put(CONNECTOR + "." + key, value);
            }
        });
        ConnectorDefinition definition = bind(file, List.of(source("connector", connectorKeys)), CONNECTOR,
                ConnectorDefinition.class);
        HeaderProfile profile = profiles.get(definition.standard());
        require(file, profile != null, "standard '" + definition.standard() + "' has no header profile in "
                + STANDARDS_FOLDER + "/");
        for (String message : definition.messages()) {
            require(file, profile.namespaces().contains(QName.valueOf(message).getNamespaceURI()),
                    "message " + message + " is not in a namespace of standard '" + profile.id() + "'");
        }
        for (String answer : definition.answers()) {
            require(file, profile.namespaces().contains(QName.valueOf(answer).getNamespaceURI()),
                    "answer " + answer + " is not in a namespace of standard '" + profile.id() + "'");
        }
        Destination destination = destination(file, destinationKeys);
        ConnectorDefinition.Validation validation = definition.validation();
        Schema schema;
        try {
            schema = schemas.schema(validation.schema());
        } catch (SAXException e) {
            throw new ConnectorConfigurationException(file, "schema " + validation.schema() + " cannot be used", e);
        }
        CodeLists codeLists;
        try {
            codeLists = CodeLists.load(validation.codeLists().stream().map(list -> schemaFile(file, list)).toList());
        } catch (IOException | RuntimeException e) {
            throw new ConnectorConfigurationException(file, "code lists cannot be used", e);
        }
        Schematron schematron = null;
        if (validation.schematron() != null) {
            try {
                schematron = Schematron.compile(schemaFile(file, validation.schematron()), schemasRoot());
            } catch (TransformerConfigurationException | RuntimeException e) {
                throw new ConnectorConfigurationException(file, "Schematron " + validation.schematron() + " cannot be used", e);
            }
        }
        Mapping mapping = null;
        if (definition.mapping() != null) {
            Path stylesheet = file.getParent().resolve(definition.mapping().stylesheet()).normalize();
            require(file, stylesheet.startsWith(file.getParent().normalize()) && Files.isRegularFile(stylesheet),
                    "mapping " + definition.mapping().stylesheet() + " not found in the connector's folder");
            try {
                mapping = Mapping.compile(stylesheet);
            } catch (TransformerConfigurationException e) {
                throw new ConnectorConfigurationException(file, "mapping " + definition.mapping().stylesheet()
                        + " does not compile", e);
            }
        }
        return new Connector(definition, file, profile, schema, codeLists, schematron, mapping, destination,
                credentials(file, destination));
    }

    /** The connector file's destination block under the deployer's {@code amtsbote.destinations.<id>}. */
    private Destination destination(Path file, Map<String, Object> keys) {
        Object id = keys.get(".id");
        require(file, id != null && !id.toString().isBlank(), "destination.id is required");
        require(file, id.toString().matches("[a-z0-9][a-z0-9-]*"),
                "destination.id '" + id + "' must be lower-case letters, digits and dashes (it names a queue)");
        String prefix = DESTINATIONS + "." + id;
        Map<String, Object> fromFile = new LinkedHashMap<>();
        keys.forEach((key, value) -> fromFile.put(prefix + key, value));
        List<ConfigurationPropertySource> sources = new ArrayList<>();
        ConfigurationPropertySources.get(environment).forEach(sources::add); // the deployer's values first: they win
        sources.add(source("destination", fromFile));
        return bind(file, sources, prefix, Destination.class);
    }

    private Credentials credentials(Path file, Destination destination) {
        if (destination.credentials() == null) {
            return Credentials.NONE;
        }
        String name = CREDENTIALS + "." + destination.credentials();
        Credentials credentials = new Binder(ConfigurationPropertySources.get(environment))
                .bind(name, Credentials.class).orElse(null);
        require(file, credentials != null && (credentials.hasPassword() || credentials.token() != null),
                "credentials '" + destination.credentials() + "' are not set: give " + name + ".username and .password,"
                        + " or .token, in the environment or as secrets files");
        return credentials;
    }

    private <T> T bind(Path file, List<ConfigurationPropertySource> sources, String name, Class<T> type) {
        Binder binder = new Binder(sources, new PropertySourcesPlaceholdersResolver(environment));
        BindHandler handler = new ValidationBindHandler(new NoUnboundElementsBindHandler(BindHandler.DEFAULT), validator);
        try {
            return binder.bindOrCreate(name, Bindable.of(type), handler);
        } catch (BindException e) {
            throw new ConnectorConfigurationException(file, describe(e));
        }
    }

    /** The binder's findings in the integrator's words: the file's own field names, what is wrong with them. */
    private static String describe(BindException e) {
        Throwable cause = e.getCause();
        String problem;
        if (cause instanceof UnboundConfigurationPropertiesException unbound) {
            problem = "unknown field(s) " + unbound.getUnboundProperties().stream()
                    .map(property -> fieldName(property.getName())).sorted().collect(Collectors.joining(", "));
        } else if (cause instanceof BindValidationException invalid) {
            problem = invalid.getValidationErrors().getAllErrors().stream()
                    .map(error -> (error instanceof FieldError field ? fieldName(invalid.getValidationErrors().getName()
                            .append(field.getField())) + " " : "") + error.getDefaultMessage())
                    .sorted().collect(Collectors.joining("; "));
        } else {
            problem = fieldName(e.getName()) + ": " + (cause == null ? e.getMessage() : cause.getMessage());
        }
        return problem;
    }

    private static String fieldName(ConfigurationPropertyName name) {
        String value = name.toString();
        if (value.startsWith(CONNECTOR + ".")) {
            return value.substring(CONNECTOR.length() + 1);
        }
        if (value.startsWith(DESTINATIONS + ".")) {
            String rest = value.substring(DESTINATIONS.length() + 1);
            int dot = rest.indexOf('.');
            return DESTINATION + (dot < 0 ? "" : rest.substring(dot)) + " (or " + value + ")";
        }
        return value;
    }

    private Map<String, Object> readYaml(Path file) {
        try {
            List<PropertySource<?>> documents = new YamlPropertySourceLoader().load(file.toString(), new FileSystemResource(file));
            require(file, documents.size() == 1, "must hold exactly one YAML document");
            @SuppressWarnings("unchecked")
            Map<String, Object> values = (Map<String, Object>) documents.get(0).getSource();
            return values;
        } catch (IOException | IllegalStateException e) {
            throw new ConnectorConfigurationException(file, "cannot be read", e);
        }
    }

    private static ConfigurationPropertySource source(String name, Map<String, Object> values) {
        return ConfigurationPropertySource.from(new OriginTrackedMapPropertySource(name, values));
    }

    private Path schemasRoot() {
        return properties.schemas().toAbsolutePath().normalize();
    }

    private Path schemaFile(Path connectorFile, String relative) {
        Path file = schemasRoot().resolve(relative).normalize();
        require(connectorFile, file.startsWith(schemasRoot()) && Files.isRegularFile(file),
                relative + " not found under " + schemasRoot());
        return file;
    }

    private Map<String, HeaderProfile> loadProfiles(Path folder) {
        Map<String, HeaderProfile> profiles = new HashMap<>();
        for (Path file : list(folder)) {
            HeaderProfile profile;
            try {
                profile = yaml.readValue(file.toFile(), HeaderProfile.class);
            } catch (IOException e) {
                throw new ConnectorConfigurationException(file, "cannot be read", e);
            }
            require(file, profile.id() != null && profile.header() != null && profile.paths() != null
                    && profile.party() != null && profile.namespaces() != null, "id, namespaces, header, paths and party are required");
            profiles.put(profile.id(), profile);
        }
        return profiles;
    }

    private static List<Path> connectorFiles(Path routes) {
        try (Stream<Path> folders = Files.list(routes)) {
            return folders.map(folder -> folder.resolve(CONNECTOR_FILE)).filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new ConnectorConfigurationException(routes, "connector folder cannot be listed", e);
        }
    }

    private static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> result = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.yaml")) {
            files.forEach(result::add);
        } catch (IOException e) {
            throw new ConnectorConfigurationException(folder, "cannot be listed", e);
        }
        Collections.sort(result);
        return result;
    }

    private static void require(Path file, boolean condition, String problem) {
        if (!condition) {
            throw new ConnectorConfigurationException(file, problem);
        }
    }
}
