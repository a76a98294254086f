package io.fluentkafka.worker.support.process;

import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The worker application in a child JVM, run from the shaded jar that {@code mvn package} builds
 * ({@code target/fluent-kafka-worker-*.jar}), so that a test can SIGKILL it, SIGTERM it and bound its heap.
 *
 * <p>Configuration is given as system properties, which Micronaut reads with a higher precedence than
 * {@code application.yml} and the environment. The HTTP port is chosen here ({@link #port()}) and must not be in
 * the properties. The child's standard output and error are appended to the log file; its GC log (read by
 * {@link #peakHeapUsed()}) goes to a sibling file named after the log file with {@code .gc-<pid>} appended.
 * {@link #close()} kills the child if it is still running. Not thread-safe.
 */
public final class WorkerProcess implements AutoCloseable {

    private static final String PORT_PROPERTY = "micronaut.server.port";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    /**
     * The heap before and after a collection in a unified GC log line, e.g. {@code Pause Young (Allocation Failure)
     * 24M->5M(256M)}: only pauses that collect (young, mixed, full), not G1's remark and cleanup pauses, whose
     * figures are the heap's occupancy while it marks.
     */
    private static final Pattern GC_HEAP = Pattern.compile("Pause (?:Young|Full)\\b.*?(\\d+)([KMG])->(\\d+)([KMG])\\(\\d+[KMG]\\)");

    private final ChildJvm jvm;
    private final int port;
    private final Path gcLog;

    private WorkerProcess(ChildJvm jvm, int port, Path gcLog) {
        this.jvm = jvm;
        this.port = port;
        this.gcLog = gcLog;
    }

    /**
     * Starts {@code java -Xmx<maxHeap> -D<key>=<value>... -jar <worker jar>} and returns at once; call
     * {@link #awaitReady(Duration)} to wait for its HTTP server.
     *
     * @param properties the worker's configuration, e.g. {@code kafka.bootstrap.servers}
     * @param maxHeap    a {@code -Xmx} value, e.g. {@code 256m}
     * @param logFile    where the child's output is appended
     * @throws IllegalStateException if the jar has not been built
     */
    public static WorkerProcess start(Map<String, String> properties, String maxHeap, Path logFile) {
        return start(properties, maxHeap, logFile, List.of());
    }

    /** As {@link #start(Map, String, Path)}, with more JVM options (e.g. to record a flight recording). */
    public static WorkerProcess start(Map<String, String> properties, String maxHeap, Path logFile, List<String> jvmOptions) {
        if (properties.containsKey(PORT_PROPERTY)) {
            throw new IllegalArgumentException(PORT_PROPERTY + " is chosen by WorkerProcess, do not set it");
        }
        int port = ChildJvm.freeLoopbackPort();
        List<String> arguments = new ArrayList<>();
        arguments.add("-Xmx" + maxHeap);
        // the JVM replaces %p with its pid: each process gets a GC log of its own
        arguments.add("-Xlog:gc:file=" + gcLog(logFile, "%p"));
        arguments.addAll(jvmOptions);
        properties.forEach((key, value) -> arguments.add("-D" + key + "=" + value));
        arguments.add("-D" + PORT_PROPERTY + "=" + port);
        arguments.add("-jar");
        arguments.add(workerJar().toString());
        ChildJvm jvm = ChildJvm.start(arguments, logFile);
        return new WorkerProcess(jvm, port, gcLog(logFile, Long.toString(jvm.pid())));
    }

    public int port() {
        return port;
    }

    public URI healthUri() {
        return URI.create("http://127.0.0.1:" + port + "/health");
    }

    public long pid() {
        return jvm.pid();
    }

    public boolean isAlive() {
        return jvm.isAlive();
    }

    /**
     * Waits until the HTTP server answers {@code /health} with any status: a 503 (a health indicator DOWN) still
     * means the application has started.
     *
     * @throws IllegalStateException with the tail of the log if the process exits first or {@code timeout} passes
     */
    public void awaitReady(Duration timeout) {
        try {
            await().atMost(timeout).pollInterval(POLL_INTERVAL).pollInSameThread()
                    .failFast("the worker exited", () -> !jvm.isAlive())
                    .ignoreException(UncheckedIOException.class) // not listening yet
                    .until(() -> health() != null);
        } catch (TerminalFailureException exited) {
            throw new IllegalStateException("the worker exited with " + jvm.exitCode()
                    + " before its HTTP server answered; log tail:\n" + jvm.logTail(), exited);
        } catch (ConditionTimeoutException notListening) {
            throw new IllegalStateException("the worker's HTTP server did not answer " + healthUri()
                    + " within " + timeout.toSeconds() + " s; log tail:\n" + jvm.logTail(), notListening);
        }
    }

    /**
     * One {@code GET /health}.
     *
     * @throws UncheckedIOException if the server does not answer: not listening, or no response within 2 s
     */
    public HealthResponse health() {
        HttpRequest request = HttpRequest.newBuilder(healthUri()).timeout(Duration.ofSeconds(2)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new HealthResponse(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("no answer from " + healthUri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted calling " + healthUri(), e);
        }
    }

    /** SIGKILL and waits for the process to be gone: a crash, no shutdown hook runs. */
    public void kill() {
        jvm.kill();
    }

    /**
     * SIGTERM (Micronaut's shutdown hook stops the consumers and the server) and waits up to {@code timeout}.
     *
     * @throws IllegalStateException with the tail of the log if it is still running then (it is killed first)
     */
    public ProcessExit terminate(Duration timeout) {
        return jvm.terminate(timeout);
    }

    /** Everything the child has written to its log file so far. */
    public String logText() {
        return jvm.logText();
    }

    /** What the log says the worker skipped, over every assignment, as finished before it took the partitions. */
    public int recordsSkippedAsFinished() {
        return logText().lines().filter(line -> line.contains(" already finished and will be skipped"))
                .mapToInt(line -> Integer.parseInt(line.replaceAll(".*; (\\d+) records above.*", "$1"))).sum();
    }

    /**
     * The most heap in use seen by the JVM, in bytes: the largest occupancy before a garbage collection in its GC
     * log. Empty if no collection has run yet. What was allocated since the last collection is not counted, so read
     * it after the load of interest.
     */
    public OptionalLong peakHeapUsed() {
        return largestInGcLog(1);
    }

    /**
     * The largest heap still in use right after a garbage collection, in bytes: what the worker really held (its
     * live set plus what the collector chose to leave). Empty if no collection has run yet.
     */
    public OptionalLong peakHeapAfterCollection() {
        return largestInGcLog(3);
    }

    /**
     * The largest heap in use right after a full collection, in bytes: the worker's live set at its largest among
     * the moments the collector looked at everything. Empty if no full collection has run.
     */
    public OptionalLong peakHeapAfterFullCollection() {
        return largestInGcLog(3, "Pause Full");
    }

    /** The largest of one heap figure of {@link #GC_HEAP} (group 1: before, 3: after) over the GC log. */
    private OptionalLong largestInGcLog(int group) {
        return largestInGcLog(group, "Pause ");
    }

    /** As {@link #largestInGcLog(int)}, over the lines that contain {@code kind}. */
    private OptionalLong largestInGcLog(int group, String kind) {
        if (!Files.exists(gcLog)) {
            return OptionalLong.empty();
        }
        try (Stream<String> lines = Files.lines(gcLog)) {
            return lines.filter(line -> line.contains(kind)).flatMap(line -> GC_HEAP.matcher(line).results())
                    .mapToLong(gc -> bytes(gc.group(group), gc.group(group + 1))).max();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + gcLog, e);
        }
    }

    /** Kills the child if it is still running. */
    @Override
    public void close() {
        if (jvm.isAlive()) {
            jvm.kill();
        }
    }

    private static Path gcLog(Path logFile, String pid) {
        return logFile.toAbsolutePath().resolveSibling(logFile.getFileName() + ".gc-" + pid);
    }

    private static long bytes(String number, String unit) {
        long amount = Long.parseLong(number);
        return switch (unit) {
            case "K" -> amount << 10;
            case "M" -> amount << 20;
            default -> amount << 30;
        };
    }

    /** The shaded jar in {@code target/}: the newest {@code fluent-kafka-worker-*.jar} other than sources or tests. */
    private static Path workerJar() {
        Path target = Path.of(System.getProperty("basedir", "."), "target").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(WorkerProcess::isApplicationJar)
                    .max(Comparator.comparing(WorkerProcess::lastModified))
                    .orElseThrow(() -> missingJar(target));
        } catch (IOException e) {
            throw missingJar(target);
        }
    }

    private static boolean isApplicationJar(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("fluent-kafka-worker-") && name.endsWith(".jar")
                && !name.endsWith("-sources.jar") && !name.endsWith("-tests.jar") && !name.endsWith("-javadoc.jar");
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IllegalStateException missingJar(Path target) {
        return new IllegalStateException("no fluent-kafka-worker-*.jar in " + target
                + ": build the shaded jar first (mvn package, or run the test through mvn verify)");
    }
}
