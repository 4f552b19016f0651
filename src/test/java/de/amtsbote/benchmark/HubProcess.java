package de.amtsbote.benchmark;

import de.amtsbote.DemoClients;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The hub as a real, separate JVM ({@code java -jar}) with default settings, a free port and a fresh data directory,
 * run as the image runs it (the jar extracted as the Dockerfile does, started by its entry point) or as the fat jar.
 * Closing it (or the JVM exiting for any reason) stops it, so no hub outlives a benchmark run.
 */
final class HubProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration READY_POLL = Duration.ofMillis(250);
    private static final int LOG_TAIL_LINES = 40;
    /** The Dockerfile's entry point. */
    private static final String JAR_LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

    private final Process process;
    private final Path log;
    private final URI baseUri;
    private final long startedNanos;
    private final Thread shutdownHook = new Thread(this::stop, "hub-stopper");

    private HubProcess(Process process, Path log, int port, long startedNanos) {
        this.process = process;
        this.log = log;
        this.baseUri = URI.create("http://127.0.0.1:" + port);
        this.startedNanos = startedNanos;
        // Also covers Ctrl-C and failures outside close(): a leftover hub would hold its port and journal lock.
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * @param jvmOptions further options of the hub's JVM, split at spaces (e.g. {@code -XX:StartFlightRecording=...})
     * @param properties the hub's settings beyond its defaults
     */
    static HubProcess start(Path jar, Layout layout, String maxHeap, String jvmOptions, Path workDir, String stamp,
                            Map<String, String> properties) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("hub jar not found: " + jar.toAbsolutePath()
                    + " (package it first, e.g. mvn -Pbenchmark -DskipTests verify)");
        }
        Path dataDir = Files.createDirectories(workDir.resolve("data-" + stamp));
        Path log = workDir.resolve("hub-" + stamp + ".log");
        int port = freePort();

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (maxHeap != null) {
            command.add("-Xmx" + maxHeap);
        }
        if (jvmOptions != null) {
            command.addAll(List.of(jvmOptions.trim().split("\\s+")));
        }
        if (layout == Layout.EXTRACTED) {
            Path image = extract(jar, workDir.resolve("hub-" + stamp));
            command.addAll(List.of("-cp", image.toAbsolutePath().toString(), JAR_LAUNCHER));
        } else {
            command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        }
        command.addAll(List.of("--server.port=" + port, "--amtsbote.data-dir=" + dataDir.toAbsolutePath()));
        DemoClients.UNLIMITED.forEach((property, value) -> command.add("--" + property + "=" + value));
        properties.forEach((property, value) -> command.add("--" + property + "=" + value));

        long started = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new HubProcess(process, log, port, started);
    }

    /** How the hub's classes are laid out on disk: the fat jar reads its libraries from nested jars. */
    enum Layout {
        EXTRACTED("extracted as in the Dockerfile (jarmode=tools extract --launcher, JarLauncher)"),
        JAR("fat jar (java -jar on the repackaged jar)");

        private final String description;

        Layout(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    /** The Dockerfile's extraction, its layers in one folder; the fat jar stays as it is. */
    private static Path extract(Path jar, Path destination) throws IOException, InterruptedException {
        Process extraction = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djarmode=tools", "-jar", jar.toAbsolutePath().toString(), "extract",
                "--launcher", "--destination", destination.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!extraction.waitFor(2, TimeUnit.MINUTES) || extraction.exitValue() != 0) {
            extraction.destroyForcibly();
            throw new IllegalStateException("the hub jar could not be extracted to " + destination);
        }
        return destination;
    }

    URI baseUri() {
        return baseUri;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The CPU time the hub's process has used so far (all its threads: JIT and GC too); empty where unknown. */
    private Optional<Duration> cpuTime() {
        return process.info().totalCpuDuration();
    }

    /**
     * The kernel's CPU counters (clock ticks) of the hub's process and of its JIT compiler and garbage collector
     * threads alive now, by thread id; empty off Linux. The process counter keeps the time of threads that have
     * ended; the JVM stops idle compiler threads, so compare two readings with {@link CpuTicks#since}.
     */
    private Optional<CpuTicks> cpuTicks() {
        Path proc = Path.of("/proc", Long.toString(process.pid()));
        try (var threads = Files.list(proc.resolve("task"))) {
            Map<String, Long> jit = new HashMap<>();
            Map<String, Long> gc = new HashMap<>();
            for (Path thread : threads.toList()) {
                String name = Files.readString(thread.resolve("comm")).strip();
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    jit.put(thread.getFileName().toString(), ticks(thread.resolve("stat")));
                } else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
                    gc.put(thread.getFileName().toString(), ticks(thread.resolve("stat")));
                }
            }
            return Optional.of(new CpuTicks(ticks(proc.resolve("stat")), jit, gc));
        } catch (IOException | RuntimeException notLinuxOrGone) {
            return Optional.empty();
        }
    }

    /** utime plus stime of a /proc stat line; the name before them may hold spaces and parentheses. */
    private static long ticks(Path stat) throws IOException {
        String line = Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** CPU clock ticks of the whole process, and of its JIT compiler and garbage collector threads by thread id. */
    record CpuTicks(long process, Map<String, Long> jit, Map<String, Long> gc) {

        /**
         * The ticks spent since the earlier reading: a thread started since counts whole, a thread that ended in
         * between counts nothing (so the shares are at most a little low).
         */
        Window since(CpuTicks earlier) {
            return new Window(process - earlier.process, spent(jit, earlier.jit), spent(gc, earlier.gc));
        }

        private static long spent(Map<String, Long> now, Map<String, Long> before) {
            return now.entrySet().stream()
                    .mapToLong(thread -> thread.getValue() - before.getOrDefault(thread.getKey(), 0L))
                    .sum();
        }
    }

    /** The ticks of a window: the whole process, and of it the JIT compilers and the garbage collector. */
    record Window(long process, long jit, long gc) {

        double jitShare() {
            return process == 0 ? 0 : (double) jit / process;
        }

        double gcShare() {
            return process == 0 ? 0 : (double) gc / process;
        }
    }

    /** Starts measuring the hub's CPU: {@link CpuMeter#per} reads what it used since, per unit of work. */
    CpuMeter cpuMeter() {
        return new CpuMeter(cpuTime(), cpuTicks());
    }

    /** The hub's CPU counters at a start, to be read against later ones. */
    final class CpuMeter {

        private final Optional<Duration> cpuAtStart;
        private final Optional<CpuTicks> ticksAtStart;

        private CpuMeter(Optional<Duration> cpuAtStart, Optional<CpuTicks> ticksAtStart) {
            this.cpuAtStart = cpuAtStart;
            this.ticksAtStart = ticksAtStart;
        }

        /** The CPU since the start divided by {@code units}; empty when none were done or the OS does not tell. */
        Optional<CpuPerUnit> per(long units) {
            if (units <= 0) {
                return Optional.empty();
            }
            Optional<Window> split = ticksAtStart.flatMap(start -> cpuTicks().map(now -> now.since(start)));
            return cpuAtStart.flatMap(start -> cpuTime().map(now -> now.minus(start).toNanos() / 1e6 / units))
                    .map(ms -> new CpuPerUnit(ms, split));
        }
    }

    /** Milliseconds of the hub's CPU per unit of work, and the shares of its JIT and its collector where known. */
    record CpuPerUnit(double ms, Optional<Window> split) {

        Double jitMs() {
            return split.map(window -> ms * window.jitShare()).orElse(null);
        }

        Double gcMs() {
            return split.map(window -> ms * window.gcShare()).orElse(null);
        }
    }

    /** The hub's resident set as the kernel counts it (heap, metaspace, code, threads, buffers); empty off Linux. */
    OptionalLong residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")) * 1024);
                }
            }
        } catch (IOException | RuntimeException notLinuxOrGone) {
            // the figure is left out
        }
        return OptionalLong.empty();
    }

    /**
     * Waits for health UP, not for an open port: Tomcat listens 1–1.5 s before the routes run.
     *
     * @return time from process start to ready
     */
    Duration awaitReady(HubClient client, Duration timeout) throws IOException, InterruptedException {
        long deadline = startedNanos + timeout.toNanos();
        while (!client.isUp()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("hub exited with code " + process.exitValue()
                        + " before it was ready; end of " + log + ":\n" + logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("hub not ready after " + timeout.toSeconds() + " s; end of "
                        + log + ":\n" + logTail());
            }
            Thread.sleep(READY_POLL.toMillis());
        }
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run; nothing left to do
        }
    }

    /** SIGTERM first so the hub can close its journal cleanly; SIGKILL only if it does not finish in time. */
    private synchronized void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                System.err.println("hub did not stop within " + STOP_GRACE.toSeconds() + " s, killing it");
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(log not readable: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
