package de.amtsbote.it;

import de.amtsbote.DemoClients;
import com.fasterxml.jackson.databind.JsonNode;
import de.amtsbote.HubClient;
import de.amtsbote.HubTestSupport;
import de.amtsbote.security.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The packaged hub ({@code target/amtsbote.jar}) in a JVM of its own, as it runs in production: a test can SIGKILL
 * it mid-delivery, which no in-process Spring context allows. Port, data directory and command line stay the same
 * across restarts, so a restarted hub finds its journal or database and clients keep their address.
 */
public final class HubJvm implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /** The image's entry point (docker/Dockerfile). */
    private static final String JAR_LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

    private final ChildProcess process;
    private final Map<String, String> environment;
    private final List<String> command;
    private final int port;
    /** null: the hub serves plain HTTP */
    private final SSLContext https;

    private HubJvm(ChildProcess process, Map<String, String> environment, List<String> command, int port, SSLContext https) {
        this.process = process;
        this.environment = environment;
        this.command = command;
        this.port = port;
        this.https = https;
    }

    /** @param name names the hub's directory and log under {@code target/it/} */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Starts the hub (again) and returns once its health is UP. */
    public HubJvm start() {
        long started = System.nanoTime();
        process.start(environment, command);
        process.awaitReady(START_TIMEOUT, this::isUp, "hub on port " + port);
        System.out.printf("Hub on port %d ready in %d ms%n", port, Duration.ofNanos(System.nanoTime() - started).toMillis());
        return this;
    }

    /** SIGTERM: Spring shuts down gracefully (SIGKILL after a grace period). */
    public void stop() {
        process.stop(STOP_GRACE);
    }

    /** SIGKILL: the hub dies wherever it is, as in a crash or an OOM kill. */
    public void kill() {
        process.kill();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    public int port() {
        return port;
    }

    /** A portal's client: over HTTPS, trusting the test CA, if the hub was started with {@link Builder#https}. */
    public HubClient client() {
        return https == null ? new HubClient(port) : new HubClient(port, https);
    }

    public Path dataDir() {
        return process.directory().resolve("data");
    }

    public Path log() {
        return process.log();
    }

    /** The end of the hub's log, for failure messages. */
    public String logTail() {
        return process.logTail();
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Health, not an open port: Tomcat listens before the routes run, and UP includes the broker and the database.
     */
    private boolean isUp() {
        try {
            // without credentials, as a kubelet asks: a hub may run without the demo clients
            HubClient.Response health = (https == null ? HubClient.anonymous(port) : client()).get("/actuator/health");
            JsonNode json = health.json();
            return health.status() == 200 && json != null && "UP".equals(json.path("status").asText());
        } catch (IllegalStateException notListeningYet) {
            return false;
        }
    }

    /** What the hub is started with; everything not set keeps the hub's defaults (embedded broker, H2, demo on). */
    public static final class Builder {

        private final String name;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>();
        /** null: the packaged jar with {@code java -jar} */
        private Path exploded;
        private SSLContext https;

        private Builder(String name) {
            this.name = name;
        }

        /** A Spring property, passed as {@code --name=value}. */
        public Builder property(String property, String value) {
            properties.put(property, value);
            return this;
        }

        public Builder broker(StandaloneArtemis broker) {
            properties.putAll(broker.hubProperties());
            return this;
        }

        public Builder database(Postgres.Database database) {
            properties.putAll(database.hubProperties());
            return this;
        }

        /** Where the hub delivers for a destination, e.g. {@code bauaufsicht}. */
        public Builder destinationAddress(String destination, String address) {
            return property("amtsbote.destinations." + destination + ".address", address);
        }

        /** The demo specialist system off, and the demo connector's destination at this fake instead. */
        public Builder deliveringTo(FakeSpecialistSystem specialistSystem) {
            return property("amtsbote.demo.enabled", "false").destinationAddress("bauaufsicht", specialistSystem.address());
        }

        /**
         * Environment variables of the hub's process, as a container runtime sets them ({@code SPRING_ARTEMIS_MODE}
         * ...); Spring binds them with lower precedence than the command line's properties.
         */
        public Builder environment(Map<String, String> variables) {
            environment.putAll(variables);
            return this;
        }

        /**
         * Runs the hub as the image does: Spring Boot's launcher on a directory holding the jar's extracted layers
         * (see {@link ImageLayout}), not {@code java -jar}, and from that directory (the image's WORKDIR).
         */
        public Builder exploded(Path directory) {
            exploded = directory;
            return this;
        }

        /** {@code -Xmx}, e.g. {@code 256m}; by default the JVM's own. */
        public Builder maxHeap(String maxHeap) {
            jvmOptions.add("-Xmx" + maxHeap);
            return this;
        }

        /**
         * HTTPS only, by configuration as a deployer sets it: an SSL bundle with the test server certificate, used by
         * the server's port (REST API and the SOAP endpoints under {@code /services}).
         */
        public Builder https(TestCertificates certificates) {
            property("spring.ssl.bundle.jks.server.keystore.location", "file:" + certificates.serverKeyStore());
            property("spring.ssl.bundle.jks.server.keystore.password", certificates.password());
            property("spring.ssl.bundle.jks.server.keystore.type", "PKCS12");
            property("server.ssl.bundle", "server");
            https = certificates.sslContext();
            return this;
        }

        /**
         * Mutual TLS on top of {@link #https}: the server asks for a client certificate (and takes requests without
         * one, which then need other credentials) and trusts those the test CA signed.
         */
        public Builder clientCertificates(TestCertificates certificates) {
            property("spring.ssl.bundle.jks.server.truststore.location", "file:" + certificates.trustStore());
            property("spring.ssl.bundle.jks.server.truststore.password", certificates.password());
            property("spring.ssl.bundle.jks.server.truststore.type", "PKCS12");
            property("server.ssl.client-auth", "want");
            return this;
        }

        /** The hub's outgoing TLS calls (SOAP deliveries) trust the test CA only: the JVM's trust store. */
        public Builder trustStore(TestCertificates certificates) {
            jvmOptions.add("-Djavax.net.ssl.trustStore=" + certificates.trustStore());
            jvmOptions.add("-Djavax.net.ssl.trustStorePassword=" + certificates.password());
            jvmOptions.add("-Djavax.net.ssl.trustStoreType=PKCS12");
            return this;
        }

        /** Creates the hub's directory under {@code target/it/} and starts it. */
        public HubJvm start() {
            Path jar = Path.of(System.getProperty("amtsbote.it.jar", "target/amtsbote.jar")).toAbsolutePath();
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("hub jar not found: " + jar + " (mvn verify packages it first)");
            }
            ChildProcess process = new ChildProcess(name);
            if (exploded != null) {
                process.workIn(exploded);
            }
            int port = HubTestSupport.freePort();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            if (exploded == null) {
                command.addAll(List.of("-jar", jar.toString()));
            } else {
                command.addAll(List.of("-cp", exploded.toAbsolutePath().toString(), JAR_LAUNCHER));
            }
            command.addAll(List.of("--server.port=" + port,
                    "--amtsbote.data-dir=" + process.directory().resolve("data")));
            DemoClients.UNLIMITED.forEach((property, value) -> command.add("--" + property + "=" + value));
            properties.forEach((property, value) -> command.add("--" + property + "=" + value));
            return new HubJvm(process, Map.copyOf(environment), List.copyOf(command), port, https).start();
        }
    }
}
