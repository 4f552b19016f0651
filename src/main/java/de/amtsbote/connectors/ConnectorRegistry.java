package de.amtsbote.connectors;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import de.amtsbote.xoev.HeaderProfile;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.xml.namespace.QName;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.validation.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.xml.sax.SAXException;

/**
 * The connectors under {@code routes/}, loaded and checked at startup: a connector that names a missing schema,
 * mapping, header profile or destination, or claims a message another connector claims, stops the hub with a
 * message naming its file.
 */
@Component
public class ConnectorRegistry {

    private static final Logger log = LoggerFactory.getLogger(ConnectorRegistry.class);
    static final String CONNECTOR_FILE = "connector.yaml";
    static final String STANDARDS_FOLDER = "standards";

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private final Map<String, HeaderProfile> profilesByNamespace = new HashMap<>();
    private final Map<QName, Connector> connectorsByRoot = new HashMap<>();
    private final Map<String, Connector> connectorsById = new LinkedHashMap<>();

    public ConnectorRegistry(ConnectorProperties properties, DestinationProperties destinations) {
        Map<String, HeaderProfile> profiles = loadProfiles(properties.routes().resolve(STANDARDS_FOLDER));
        SchemaCompiler schemas = new SchemaCompiler(properties.schemas());
        for (Path file : connectorFiles(properties.routes())) {
            Connector connector = load(file, profiles, schemas, destinations);
            for (String message : connector.definition().messages()) {
                QName root = QName.valueOf(message);
                Connector other = connectorsByRoot.putIfAbsent(root, connector);
                if (other != null) {
                    throw new ConnectorConfigurationException(file, "message " + message
                            + " is already taken by connector '" + other.id() + "'");
                }
                profilesByNamespace.put(root.getNamespaceURI(), connector.profile());
            }
            if (connectorsById.putIfAbsent(connector.id(), connector) != null) {
                throw new ConnectorConfigurationException(file, "a connector with id '" + connector.id() + "' exists already");
            }
            log.info("Connector '{}' loaded: {} message type(s) to destination '{}'",
                    connector.id(), connector.definition().messages().size(), connector.destinationId());
        }
    }

    /** The header profile for a root namespace, or null when no connector takes that standard. */
    public HeaderProfile profileForNamespace(String namespace) {
        return profilesByNamespace.get(namespace);
    }

    public Optional<Connector> forRoot(QName root) {
        return Optional.ofNullable(connectorsByRoot.get(root));
    }

    public Connector byId(String id) {
        Connector connector = connectorsById.get(id);
        if (connector == null) {
            throw new IllegalArgumentException("Unknown connector " + id);
        }
        return connector;
    }

    public Collection<Connector> all() {
        return connectorsById.values();
    }

    private Map<String, HeaderProfile> loadProfiles(Path folder) {
        Map<String, HeaderProfile> profiles = new HashMap<>();
        for (Path file : list(folder, "*.yaml")) {
            HeaderProfile profile = read(file, HeaderProfile.class);
            require(file, profile.id() != null && profile.header() != null && profile.paths() != null
                    && profile.party() != null && profile.namespaces() != null, "id, namespaces, header, paths and party are required");
            profiles.put(profile.id(), profile);
        }
        return profiles;
    }

    private Connector load(Path file, Map<String, HeaderProfile> profiles, SchemaCompiler schemas,
                           DestinationProperties destinations) {
        ConnectorDefinition definition = read(file, ConnectorDefinition.class);
        require(file, definition.id() != null, "id is required");
        require(file, definition.messages() != null && !definition.messages().isEmpty(), "messages must name at least one root element");
        HeaderProfile profile = profiles.get(definition.standard());
        require(file, profile != null, "standard '" + definition.standard() + "' has no header profile in "
                + STANDARDS_FOLDER + "/");
        for (String message : definition.messages()) {
            require(file, profile.namespaces().contains(QName.valueOf(message).getNamespaceURI()),
                    "message " + message + " is not in a namespace of standard '" + profile.id() + "'");
        }
        DestinationProperties.Destination destination = destinations.destinations().get(definition.destination());
        require(file, destination != null, "destination '" + definition.destination()
                + "' is not configured under amtsbote.destinations");
        Schema schema;
        try {
            schema = schemas.schema(definition.schema());
        } catch (SAXException e) {
            throw new ConnectorConfigurationException(file, "schema " + definition.schema() + " cannot be used", e);
        }
        Mapping mapping = null;
        if (definition.mapping() != null) {
            Path stylesheet = file.getParent().resolve(definition.mapping());
            require(file, Files.isRegularFile(stylesheet), "mapping " + stylesheet + " not found");
            try {
                mapping = Mapping.compile(stylesheet);
            } catch (TransformerConfigurationException e) {
                throw new ConnectorConfigurationException(file, "mapping " + definition.mapping() + " does not compile", e);
            }
        }
        return new Connector(definition, profile, schema, mapping, destination);
    }

    private <T> T read(Path file, Class<T> type) {
        try {
            return yaml.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new ConnectorConfigurationException(file, "cannot be read", e);
        }
    }

    private static List<Path> connectorFiles(Path routes) {
        try (Stream<Path> folders = Files.list(routes)) {
            return folders.map(folder -> folder.resolve(CONNECTOR_FILE)).filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new ConnectorConfigurationException(routes, "connector folder cannot be listed", e);
        }
    }

    private static List<Path> list(Path folder, String glob) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> result = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, glob)) {
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
