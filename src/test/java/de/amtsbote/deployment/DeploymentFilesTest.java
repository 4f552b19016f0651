package de.amtsbote.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The deployment files read as Docker Compose and Kubernetes would read them (neither runs on the build machines):
 * valid YAML, and the references between them hold. That the hub answers on the probes' paths and runs with the
 * compose environment is {@code DeploymentIT}'s part.
 */
class DeploymentFilesTest {

    @Test
    void everyYamlFileUnderDockerParses() {
        assertThat(DeploymentFiles.yamlFiles()).extracting(path -> path.toString().replace('\\', '/')).contains(
                "docker/compose.yaml", "docker/k8s/deployment.yaml", "docker/k8s/service.yaml",
                "docker/k8s/configmap.yaml", "docker/k8s/secret.example.yaml", "docker/k8s/kustomization.yaml");
        assertThat(DeploymentFiles.yamlFiles()).allSatisfy(file -> assertThat(DeploymentFiles.documents(file)).as(file.toString()).isNotEmpty());
    }

    @Test
    void composeRunsTheHubOnItsBrokerAndDatabaseWithSecretsFromTheEnvironment() {
        JsonNode services = DeploymentFiles.documents(DeploymentFiles.COMPOSE).get(0).path("services");
        assertThat(services.fieldNames()).toIterable().containsExactlyInAnyOrder("hub", "artemis", "postgres");
        assertThat(services.path("hub").path("build").path("dockerfile").asText()).isEqualTo("docker/Dockerfile");
        assertThat(services.path("artemis").path("image").asText()).startsWith("apache/activemq-artemis:");
        assertThat(services.path("postgres").path("image").asText()).startsWith("postgres:");

        Map<String, String> hub = DeploymentFiles.composeEnvironment("hub", DeploymentFiles.envExample());
        assertThat(hub).containsEntry("SPRING_ARTEMIS_MODE", "native")
                .containsEntry("SPRING_ARTEMIS_BROKER_URL", "tcp://artemis:61616")
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/amtsbote")
                .containsEntry("SPRING_ARTEMIS_PASSWORD", DeploymentFiles.envExample().get("ARTEMIS_PASSWORD"))
                .containsEntry("SPRING_DATASOURCE_PASSWORD", DeploymentFiles.envExample().get("POSTGRES_PASSWORD"));
        // the broker and the database are created with the credentials the hub uses
        Map<String, String> artemis = DeploymentFiles.composeEnvironment("artemis", DeploymentFiles.envExample());
        Map<String, String> postgres = DeploymentFiles.composeEnvironment("postgres", DeploymentFiles.envExample());
        assertThat(artemis).containsEntry("ARTEMIS_USER", hub.get("SPRING_ARTEMIS_USER"))
                .containsEntry("ARTEMIS_PASSWORD", hub.get("SPRING_ARTEMIS_PASSWORD"));
        assertThat(postgres).containsEntry("POSTGRES_USER", hub.get("SPRING_DATASOURCE_USERNAME"))
                .containsEntry("POSTGRES_PASSWORD", hub.get("SPRING_DATASOURCE_PASSWORD"));
        assertThat(hub.get("SPRING_DATASOURCE_URL")).endsWith("/" + postgres.get("POSTGRES_DB"));
    }

    @Test
    void composeRefusesToStartWithoutThePasswords() {
        assertThatThrownBy(() -> DeploymentFiles.composeEnvironment("hub", Map.of()))
                .hasMessageContaining("ARTEMIS_PASSWORD");
        assertThat(DeploymentFiles.interpolate("a$${b}-${C:-d}-${E}", Map.of("E", "e"))).isEqualTo("a${b}-d-e");
    }

    @Test
    void theDeploymentRunsTwoNonRootReplicasWithBothProbes() {
        Map<String, JsonNode> objects = DeploymentFiles.kubernetesObjects();
        JsonNode deployment = objects.get("Deployment/amtsbote");
        assertThat(deployment).as("Deployment/amtsbote in %s", objects.keySet()).isNotNull();
        assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(2);

        JsonNode pod = deployment.path("spec").path("template").path("spec");
        JsonNode hub = pod.path("containers").get(0);
        assertThat(hub.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/actuator/health/liveness");
        assertThat(hub.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/actuator/health/readiness");
        assertThat(hub.path("ports").get(0).path("containerPort").asInt()).isEqualTo(8080);
        assertThat(hub.path("livenessProbe").path("httpGet").path("port").asText())
                .isEqualTo(hub.path("ports").get(0).path("name").asText());

        // non-root: the same user the image declares
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("securityContext").path("runAsUser").asInt()).isEqualTo(10001);
        assertThat(hub.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(dockerfile()).contains("--uid 10001").containsPattern("(?m)^USER 10001:10001$");

        // the pods are what the Service and the disruption budget select
        JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
        assertThat(deployment.path("spec").path("selector").path("matchLabels")).isEqualTo(labels);
        assertThat(objects.get("Service/amtsbote").path("spec").path("selector")).isEqualTo(labels);
        assertThat(objects.get("PodDisruptionBudget/amtsbote").path("spec").path("selector").path("matchLabels")).isEqualTo(labels);
    }

    @Test
    void everyConfigMapAndSecretTheDeploymentNamesIsThere() {
        Map<String, JsonNode> objects = DeploymentFiles.kubernetesObjects();
        JsonNode pod = objects.get("Deployment/amtsbote").path("spec").path("template").path("spec");
        List<String> referenced = new ArrayList<>();
        pod.path("containers").get(0).path("envFrom").forEach(source -> referenced.add("ConfigMap/" + source.path("configMapRef").path("name").asText()));
        pod.path("volumes").forEach(volume -> {
            if (volume.has("configMap")) {
                referenced.add("ConfigMap/" + volume.path("configMap").path("name").asText());
            }
            if (volume.has("secret")) {
                referenced.add("Secret/" + volume.path("secret").path("secretName").asText());
            }
        });
        assertThat(referenced).contains("ConfigMap/amtsbote-env", "ConfigMap/amtsbote-config", "Secret/amtsbote-secrets");
        assertThat(objects).containsKeys(referenced.toArray(String[]::new));

        // production: no demo, and the secrets' files are named by the properties they set
        JsonNode env = objects.get("ConfigMap/amtsbote-env").path("data");
        assertThat(env.path("SPRING_PROFILES_ACTIVE").asText()).isEqualTo("production");
        assertThat(env.path("AMTSBOTE_DEMO_ENABLED").asText()).isEqualTo("false");
        assertThat(env.path("SPRING_ARTEMIS_MODE").asText()).isEqualTo("native");
        assertThat(objects.get("Secret/amtsbote-secrets").path("stringData").fieldNames()).toIterable()
                .contains("spring.artemis.password", "spring.datasource.password");
        assertThat(DeploymentFiles.documents(DeploymentFiles.K8S.resolve("kustomization.yaml")).get(0).path("resources"))
                .extracting(JsonNode::asText).doesNotContain("secret.example.yaml");
    }

    private static String dockerfile() {
        try {
            return Files.readString(DeploymentFiles.DOCKERFILE);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
