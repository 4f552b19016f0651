package de.amtsbote.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.amtsbote.HubClient;
import de.amtsbote.Samples;
import de.amtsbote.deployment.DeploymentFiles;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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

    private static Postgres.Database database;
    private static StandaloneArtemis broker;
    private static HubJvm hub;
    private static Map<String, String> composeEnvironment;

    @BeforeAll
    static void startTheHubAsComposeWould() {
                CompletableFuture<Postgres.Database> newDatabase = CompletableFuture.supplyAsync(Postgres::newDatabase);
        broker = StandaloneArtemis.create().start();
        database = newDatabase.join();
        Path image = ImageLayout.build("compose-image");

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
    void theJarHasTheFourLayersTheDockerfileCopies() {
        List<String> layers = ImageLayout.run(List.of(ImageLayout.java(), "-Djarmode=tools", "-jar", ImageLayout.jar().toString(),
                        "list-layers")).lines()
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

        assertThat(database.submissionStatus(trackingId)).isEqualTo("DELIVERED");
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
}
