package de.amtsbote.it;

import static org.assertj.core.api.Assertions.assertThat;

import de.amtsbote.deployment.DeploymentFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The image's {@code /opt/amtsbote} without Docker: the packaged jar extracted with the Dockerfile's command, the
 * layers it copies merged into one directory in the same order, and the connectors' {@code routes/} and
 * {@code schemas/} beside them. {@link HubJvm.Builder#exploded} runs the hub from it as the image's entry point does.
 */
final class ImageLayout {

    static final String EXTRACT = "java -Djarmode=tools -jar amtsbote.jar extract --layers --launcher --destination extracted";

    private ImageLayout() {
    }

    /** Builds the layout under {@code target/it/<name>/} and returns the directory that stands for /opt/amtsbote. */
    static Path build(String name) {
        try {
            String dockerfile = Files.readString(DeploymentFiles.DOCKERFILE);
            assertThat(dockerfile).contains(EXTRACT).contains("COPY routes/ routes/").contains("COPY schemas/ schemas/")
                    .contains("WORKDIR /opt/amtsbote");
            Path build = Path.of("target", "it", name).toAbsolutePath();
            deleteRecursively(build);
            Path extracted = build.resolve("extracted");
            run(List.of(java(), "-Djarmode=tools", "-jar", jar().toString(), "extract", "--layers", "--launcher",
                    "--destination", extracted.toString()));
            Path root = build.resolve("opt-amtsbote");
            for (String layer : DeploymentFiles.dockerfileLayers()) {
                copyTree(extracted.resolve(layer), root);
            }
            copyTree(Path.of("routes"), root.resolve("routes"));
            copyTree(Path.of("schemas"), root.resolve("schemas"));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path jar() {
        return Path.of(System.getProperty("amtsbote.it.jar", "target/amtsbote.jar")).toAbsolutePath();
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs a command to its end and returns its output; fails with the output if it does not succeed. */
    static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
            assertThat(process.exitValue()).as("%s: %s", command, output).isZero();
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
            Collections.reverse(all);
            for (Path file : all) {
                Files.delete(file);
            }
        }
    }
}
