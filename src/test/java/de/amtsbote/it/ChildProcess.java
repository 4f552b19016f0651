package de.amtsbote.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One service of an integration test as a real OS process, startable again after it ended. It works in a fresh
 * directory under {@code target/it/} whose log collects the output of every run, and it is killed when the test
 * JVM exits, so no broker or hub outlives a build to hold ports and journal locks.
 */
final class ChildProcess {

    private static final Path ROOT = Path.of("target", "it").toAbsolutePath();
    private static final Duration POLL = Duration.ofMillis(200);

    /** Closes what a test started, in the order given (the hub before the broker it uses); null is skipped. */
    static void closeAll(AutoCloseable... running) {
        for (AutoCloseable each : running) {
            if (each != null) {
                try {
                    each.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
    private static final int LOG_TAIL_LINES = 60;

    private final String name;
    private final Path directory;
    private final Path log;
    private volatile Process process;
    /** null: the test's own */
    private volatile Path workingDirectory;

    ChildProcess(String name) {
        this.name = name;
        this.directory = ROOT.resolve(name + "-" + UUID.randomUUID().toString().substring(0, 8));
        this.log = directory.resolve(name + ".log");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::kill, name + "-killer"));
    }

    Path directory() {
        return directory;
    }

    /** Where the process runs from (its relative paths resolve there), as a container image's WORKDIR. */
    void workIn(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    Path log() {
        return log;
    }

    synchronized void start(Map<String, String> environment, List<String> command) {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        process = launch(environment, command);
    }

    /** Runs a command to its end (a setup step), failing with its output if it does not succeed. */
    void run(Map<String, String> environment, List<String> command, Duration timeout) {
        Process step = launch(environment, command);
        try {
            if (!step.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                step.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish in " + timeout + "; end of " + log
                        + ":\n" + logTail());
            }
        } catch (InterruptedException e) {
            step.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (step.exitValue() != 0) {
            throw new IllegalStateException(command + " failed with exit code " + step.exitValue() + "; end of " + log
                    + ":\n" + logTail());
        }
    }

    /** Polls until the service is ready; fails early, with the log's end, if the process exits. */
    void awaitReady(Duration timeout, BooleanSupplier ready, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            Process current = process;
            if (!current.isAlive()) {
                throw new IllegalStateException(what + " exited with code " + current.exitValue()
                        + " before it was ready; end of " + log + ":\n" + logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " not ready after " + timeout.toSeconds() + " s; end of "
                        + log + ":\n" + logTail());
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** SIGTERM, then SIGKILL if the process has not ended within the grace period. */
    synchronized void stop(Duration grace) {
        if (!isAlive()) {
            return;
        }
        process.destroy();
        if (!waitForExit(grace)) {
            System.err.printf("%s did not stop within %d s after SIGTERM, killing it%n", name, grace.toSeconds());
            kill();
        }
    }

    /** SIGKILL ({@link Process#destroyForcibly()} on Linux); returns once the process is gone. */
    synchronized void kill() {
        if (!isAlive()) {
            return;
        }
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(30));
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(log not readable: " + e + ")";
        }
    }

    private Process launch(Map<String, String> environment, List<String> command) {
        try {
            Files.writeString(log, "=== " + Instant.now() + " " + String.join(" ", command) + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            if (workingDirectory != null) {
                builder.directory(workingDirectory.toFile());
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
