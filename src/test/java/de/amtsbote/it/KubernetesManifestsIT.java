package de.amtsbote.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import de.amtsbote.DemoClients;
import de.amtsbote.HubClient;
import de.amtsbote.Samples;
import de.amtsbote.deployment.DeploymentFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One replica of {@code docker/k8s/deployment.yaml} without a cluster: the image's layout, the ConfigMap
 * {@code amtsbote-env} as environment, {@code amtsbote-config} as the files under the WORKDIR's {@code config/},
 * the Secret's keys as files in the secrets directory (with this test's values), against a standalone Artemis,
 * PostgreSQL and a specialist system; only hosts, ports, the database's name and user, and the specialist
 * system's address are replaced. Proves the production profile starts with that configuration (demo clients
 * off), that the city's keys come from the Secret, and that the probes answer. Not proven: a cluster, the
 * read-only root file system, the second replica (two hubs on one broker: {@code TwoHubsOneKilledIT}).
 */
class KubernetesManifestsIT {

    private static final String APPLICATION = "baugenehmigung-antrag-0200.xml";

    private static Postgres.Database database;
    private static StandaloneArtemis broker;
    private static FakeSpecialistSystem specialistSystem;
    private static HubJvm hub;
    private static final Map<String, String> secrets = new LinkedHashMap<>();

    @BeforeAll
    static void startOneReplica() throws IOException {
        CompletableFuture<Postgres.Database> newDatabase = CompletableFuture.supplyAsync(Postgres::newDatabase);
        broker = StandaloneArtemis.create().start();
        database = newDatabase.join();
        specialistSystem = FakeSpecialistSystem.create().start();

        Map<String, JsonNode> objects = DeploymentFiles.kubernetesObjects();
        JsonNode container = objects.get("Deployment/amtsbote").path("spec").path("template").path("spec")
                .path("containers").get(0);
        Path image = ImageLayout.build("k8s-image");

        // the ConfigMap's files where the Deployment mounts them: config/ under the WORKDIR, which Spring Boot reads
        assertThat(mountPath(container, "config")).isEqualTo("/opt/amtsbote/config");
        Path config = Files.createDirectories(image.resolve("config"));
        objects.get("ConfigMap/amtsbote-config").path("data").fields()
                .forEachRemaining(file -> write(config.resolve(file.getKey()), file.getValue().asText()));

        // the Secret's keys as files, with this test's values; the mount path is the hub's default secrets directory
        assertThat(mountPath(container, "secrets")).isEqualTo("/run/secrets/amtsbote");
        Path secretsDir = Files.createDirectories(image.resolveSibling("secrets"));
        objects.get("Secret/amtsbote-secrets").path("stringData").fieldNames().forEachRemaining(key -> {
            String value = switch (key) {
                case "spring.artemis.password" -> broker.password();
                case "spring.datasource.password" -> database.password();
                default -> key.endsWith(".api-key") ? "k8s-" + UUID.randomUUID() : fail("a secret this test does not know: " + key);
            };
            secrets.put(key, value);
            write(secretsDir.resolve(key), value);
        });

        Map<String, String> environment = new LinkedHashMap<>();
        objects.get("ConfigMap/amtsbote-env").path("data").fields()
                .forEachRemaining(variable -> environment.put(variable.getKey(), variable.getValue().asText()));
        container.path("env").forEach(variable -> environment.put(variable.path("name").asText(), variable.path("value").asText()));
        assertThat(environment.get("SPRING_ARTEMIS_USER")).isEqualTo(broker.user());
        environment.computeIfPresent("SPRING_ARTEMIS_BROKER_URL", (name, url) -> url.replace("//artemis:61616",
                "//" + URI.create(broker.brokerUrl()).getAuthority()));
        environment.put("SPRING_DATASOURCE_URL", database.jdbcUrl());
        environment.put("SPRING_DATASOURCE_USERNAME", database.user());
        environment.put("AMTSBOTE_DESTINATIONS_BAUAUFSICHT_ADDRESS", specialistSystem.address());
        // the Secret's mount path on a machine without /run/secrets/amtsbote
        environment.put("AMTSBOTE_SECRETS_DIR", secretsDir.toString());

        hub = HubJvm.builder("k8s-hub").exploded(image).environment(environment).maxHeap("256m").start();
    }

    @AfterAll
    static void stopAll() {
        ChildProcess.closeAll(hub, specialistSystem, broker);
    }

    @Test
    void theProductionProfileStartsAndTheProbesAnswer() throws IOException {
        assertThat(Files.readString(hub.log())).contains("The following 1 profile is active: \"production\"");

        HubClient kubelet = HubClient.anonymous(hub.port());
        for (String path : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            assertThat(kubelet.get(path).status()).as(path).isEqualTo(200);
        }
    }

    @Test
    void theCityPortalsKeyFromTheSecretSubmitsAndTheSpecialistSystemGetsTheCase() {
        HubClient cityPortal = new HubClient(hub.port(), secrets.get("amtsbote.security.clients.cityportal.api-key"));
        String xml = Samples.xbauWithNewMessageId(APPLICATION);
        HubClient.Response response = cityPortal.submit(xml);
        assertThat(response.status()).as("%s%n%s", response.body(), hub.logTail()).isEqualTo(202);

        cityPortal.awaitStatus(response.json().get("trackingId").asText(), "DELIVERED");

        assertThat(specialistSystem.callsFor(Samples.messageId(xml))).isEqualTo(1);
    }

    @Test
    void theDemoKeysAreRefusedAndTheOperatorsKeyFromTheSecretWorks() {
        assertThat(new HubClient(hub.port(), DemoClients.PORTAL_KEY).submit(Samples.xbauWithNewMessageId(APPLICATION)).status())
                .isEqualTo(401);
        assertThat(HubClient.operator(hub.port()).get("/api/v1/dead-letters").status()).isEqualTo(401);
        assertThat(new HubClient(hub.port(), secrets.get("amtsbote.security.clients.operator.api-key"))
                .get("/api/v1/dead-letters").status()).isEqualTo(200);
    }

    private static String mountPath(JsonNode container, String volume) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (volume.equals(mount.path("name").asText())) {
                return mount.path("mountPath").asText();
            }
        }
        return fail("no volume mount " + volume);
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
