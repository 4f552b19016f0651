package de.amtsbote.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.amtsbote.HubClient;
import de.amtsbote.Samples;
import de.amtsbote.deployment.DeploymentFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What can be proven of {@code docker/} without Docker: the packaged jar has the layers the Dockerfile copies; the
 * image's file layout (those layers merged, as the Dockerfile does) starts with the image's entry point and the
 * compose file's hub environment, only hosts, ports and passwords replaced, against a standalone Artemis and
 * PostgreSQL, and delivers a submission; the paths of the Kubernetes probes answer 200 without credentials.
 * Not proven: the base images, the image build itself, compose's networking, a cluster.
 */
class DeploymentIT {

    private static final String APPLICATION = "baugenehmigung-antrag-0200.xml";
    private static final List<String> BOOT_LAYERS = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");

    private static Path jar;
    private static Postgres.Database database;
    private static StandaloneArtemis broker;
    private static HubJvm hub;
    private static Map<String, String> composeEnvironment;

    @BeforeAll
    static void startTheHubAsComposeWould() throws Exception {
        jar = Path.of(System.getProperty("amtsbote.it.jar", "target/amtsbote.jar")).toAbsolutePath();
        CompletableFuture<Postgres.Database> newDatabase = CompletableFuture.supplyAsync(Postgres::newDatabase);
        broker = StandaloneArtemis.create().start();
        database = newDatabase.join();
        Path image = imageLayout();

        Map<String, String> variables = new LinkedHashMap<>(DeploymentFiles.envExample());
        variables.put("ARTEMIS_USER", broker.user());
        variables.put("ARTEMIS_PASSWORD", broker.password());
        variables.put("POSTGRES_DB", database.jdbcUrl().substring(database.jdbcUrl().lastIndexOf('/') + 1));
        variables.put("POSTGRES_USER", database.user());
        variables.put("POSTGRES_PASSWORD", database.password());
        Map<String, String> hosts = Map.of(
                "//artemis:61616", "//" + URI.create(broker.brokerUrl()).getAuthority(),
                "//postgres:5432", "//" + URI.create(database.jdbcUrl().substring("jdbc:".length())).getAuthority());
        composeEnvironment = new LinkedHashMap<>();
        DeploymentFiles.composeEnvironment("hub", variables).forEach((name, value) -> {
            String local = value;
            for (Map.Entry<String, String> host : hosts.entrySet()) {
                local = local.replace(host.getKey(), host.getValue());
            }
            composeEnvironment.put(name, local);
        });

        hub = HubJvm.builder("compose-hub").exploded(image).environment(composeEnvironment).maxHeap("256m").start();
    }

    @AfterAll
    static void stopAll() {
        ChildProcess.closeAll(hub, broker);
    }

    @Test
    void theJarHasTheFourLayersTheDockerfileCopies() throws Exception {
        List<String> layers = run(List.of(java(), "-Djarmode=tools", "-jar", jar.toString(), "list-layers")).lines()
                .map(String::strip).filter(line -> !line.isEmpty()).toList();

        assertThat(layers).containsExactlyElementsOf(BOOT_LAYERS);
        assertThat(DeploymentFiles.dockerfileLayers()).containsExactlyElementsOf(layers);
    }

    @Test
    void theComposeEnvironmentIsTheTestServicesOnly() {
        assertThat(composeEnvironment).containsEntry("SPRING_ARTEMIS_MODE", "native")
                .containsEntry("SPRING_ARTEMIS_BROKER_URL", broker.brokerUrl())
                .containsEntry("SPRING_ARTEMIS_USER", broker.user())
                .containsEntry("SPRING_ARTEMIS_PASSWORD", broker.password())
                .containsEntry("SPRING_DATASOURCE_URL", database.jdbcUrl())
                .containsEntry("SPRING_DATASOURCE_USERNAME", database.user())
                .containsEntry("SPRING_DATASOURCE_PASSWORD", database.password());
    }

    @Test
    void theImagesLayoutWithTheComposeEnvironmentDeliversThroughTheExternalBrokerAndPostgres() throws Exception {
        HubClient client = hub.client();
        String xml = Samples.xbauWithNewMessageId(APPLICATION);
        HubClient.Response response = client.submit(xml);
        assertThat(response.status()).as("%s%n%s", response.body(), hub.logTail()).isEqualTo(202);
        String trackingId = response.json().get("trackingId").asText();

        client.awaitStatus(trackingId, "DELIVERED");

        assertThat(statusInPostgres(trackingId)).isEqualTo("DELIVERED");
        assertThat(Files.exists(hub.dataDir().resolve("artemis"))).as("an embedded broker's journal").isFalse();
        assertThat(Files.exists(hub.dataDir().resolve("tracking.mv.db"))).as("an embedded H2 database").isFalse();
    }

    @Test
    void theKubernetesProbesAnswerWithoutCredentials() {
        JsonNode container = DeploymentFiles.kubernetesObjects().get("Deployment/amtsbote")
                .path("spec").path("template").path("spec").path("containers").get(0);
        HubClient kubelet = HubClient.anonymous(hub.port());
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            String path = container.path(probe).path("httpGet").path("path").asText();
            assertThat(path).as(probe).startsWith("/actuator/health/");
            HubClient.Response answer = kubelet.get(path);
            assertThat(answer.status()).as("%s %s: %s", probe, path, answer.body()).isEqualTo(200);
            assertThat(answer.json().path("status").asText()).as(path).isEqualTo("UP");
        }
    }

    /**
     * The image's {@code /opt/amtsbote} without Docker: the jar extracted with the Dockerfile's command, and the
     * layers it copies merged into one directory in the same order.
     */
    private static Path imageLayout() throws Exception {
        Path build = Path.of("target", "it", "image").toAbsolutePath();
        deleteRecursively(build);
        Path extracted = build.resolve("extracted");
        assertThat(Files.readString(DeploymentFiles.DOCKERFILE))
                .contains("java -Djarmode=tools -jar amtsbote.jar extract --layers --launcher --destination extracted");
        run(List.of(java(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--layers", "--launcher",
                "--destination", extracted.toString()));
        Path root = build.resolve("opt-amtsbote");
        for (String layer : DeploymentFiles.dockerfileLayers()) {
            copyTree(extracted.resolve(layer), root);
        }
        return root;
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        assertThat(process.exitValue()).as("%s: %s", command, output).isZero();
        return output;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return; // an empty layer (no snapshot dependencies) is not extracted
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            List<Path> all = new ArrayList<>(files.toList());
            java.util.Collections.reverse(all);
            for (Path file : all) {
                Files.delete(file);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String statusInPostgres(String trackingId) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             PreparedStatement query = connection.prepareStatement("select status from submission where tracking_id = ?")) {
            query.setString(1, trackingId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
