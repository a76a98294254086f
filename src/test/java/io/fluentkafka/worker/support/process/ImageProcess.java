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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.awaitility.Awaitility.await;

/**
 * The worker as its container image runs it, without a container runtime: the image's layers unpacked into a
 * directory ({@link ImageTarball#unpack}) and its command started there under {@code chroot}, as the image's user, in
 * a mount namespace of its own ({@code unshare}) where the root is read-only, {@code /tmp} an empty tmpfs (the Helm
 * chart's {@code emptyDir}), and {@code /proc} and a few {@code /dev} nodes the host's. The mounts end with the
 * process. The network is the host's, so the image reaches a broker and the Fluent simulator on loopback; it listens
 * on a port chosen here ({@code PORT}), not the image's 8080, which another process may hold.
 *
 * <p>Environment: the image's, then the given variables on top; nothing of the test JVM's. Needs root (mount, chroot).
 * {@link #close()} kills the process if it is still running.
 */
public final class ImageProcess implements AutoCloseable {

    /** sh -c script; $1 the unpacked root, $2 the user, the rest the image's command. */
    private static final String RUN_IN_IMAGE = """
            set -eu
            root=$1 user=$2
            shift 2
            mkdir -p "$root/tmp" "$root/proc" "$root/dev"
            mount --bind "$root" "$root"
            for node in null zero random urandom; do
              [ -e "$root/dev/$node" ] || touch "$root/dev/$node"
              mount --bind "/dev/$node" "$root/dev/$node"
            done
            mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/tmp"
            mount -t proc proc "$root/proc"
            mount -o remount,bind,ro "$root"
            exec chroot --userspec="$user" "$root" "$@"
            """;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final ChildJvm jvm;
    private final int port;

    private ImageProcess(ChildJvm jvm, int port) {
        this.jvm = jvm;
        this.port = port;
    }

    /**
     * Starts the image's command from {@code root} (where {@code image} is unpacked) and returns at once; call
     * {@link #awaitHttp(Duration)} to wait for its HTTP server.
     *
     * @throws IllegalStateException if this JVM does not run as root
     */
    public static ImageProcess start(ImageTarball image, Path root, Map<String, String> environment, Path logFile) {
        requireRoot();
        int port = ChildJvm.freeLoopbackPort();
        Map<String, String> variables = new HashMap<>(image.environment());
        variables.putAll(environment);
        variables.put("PORT", Integer.toString(port));
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private",
                "sh", "-c", RUN_IN_IMAGE, "sh", root.toAbsolutePath().toString(), image.user()));
        command.addAll(image.command());
        return new ImageProcess(ChildJvm.exec(command, variables, logFile), port);
    }

    /**
     * Waits until the HTTP server answers {@code /health} with any status.
     *
     * @throws IllegalStateException with the tail of the log if the process exits first or {@code timeout} passes
     */
    public void awaitHttp(Duration timeout) {
        try {
            await().atMost(timeout).pollInterval(POLL_INTERVAL).pollInSameThread()
                    .failFast("the image's process exited", () -> !jvm.isAlive())
                    .ignoreException(UncheckedIOException.class) // not listening yet
                    .until(() -> get("/health") != null);
        } catch (TerminalFailureException exited) {
            throw new IllegalStateException("the image's process exited with " + jvm.exitCode()
                    + " before its HTTP server answered; log tail:\n" + jvm.logTail(), exited);
        } catch (ConditionTimeoutException notListening) {
            throw new IllegalStateException("the image's HTTP server did not answer on port " + port + " within "
                    + timeout.toSeconds() + " s; log tail:\n" + jvm.logTail(), notListening);
        }
    }

    /**
     * One {@code GET} of {@code path} on the process's HTTP port.
     *
     * @throws UncheckedIOException if the server does not answer within 2 s
     */
    public HealthResponse get(String path) {
        URI uri = URI.create("http://127.0.0.1:" + port + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new HealthResponse(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("no answer from " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted calling " + uri, e);
        }
    }

    /** The process's real user id, from {@code /proc/<pid>/status}. */
    public int uid() {
        return Integer.parseInt(procLines("status").stream().filter(line -> line.startsWith("Uid:")).findFirst()
                .orElseThrow().split("\\s+")[1]);
    }

    /**
     * The filesystem type and mount options of the mount at {@code mountPoint} as the process sees it (relative to
     * its root), e.g. {@code tmpfs rw,nosuid,nodev}; empty if nothing is mounted there.
     */
    public Optional<String> mount(String mountPoint) {
        // mountinfo: id parent major:minor root mount-point options [optional fields] - type source super-options
        return procLines("mountinfo").stream().map(line -> line.split(" ")).filter(fields -> fields[4].equals(mountPoint))
                .reduce((lower, upper) -> upper) // the last one mounted there is what the process sees
                .map(fields -> fields[List.of(fields).indexOf("-") + 1] + " " + fields[5]);
    }

    /** SIGTERM and waits up to {@code timeout}; see {@link WorkerProcess#terminate}. */
    public ProcessExit terminate(Duration timeout) {
        return jvm.terminate(timeout);
    }

    /** Everything the process has written to its log file so far. */
    public String logText() {
        return jvm.logText();
    }

    /** Kills the process if it is still running; its mounts go with it. */
    @Override
    public void close() {
        if (jvm.isAlive()) {
            jvm.kill();
        }
    }

    private List<String> procLines(String file) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(jvm.pid()), file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + jvm.pid() + "/" + file, e);
        }
    }

    private static void requireRoot() {
        try {
            if (!Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))) {
                throw new IllegalStateException("running the image needs root (unshare, mount, chroot): run the image "
                        + "profile's tests as root, as .ci/run does");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the user of this JVM from /proc/self", e);
        }
    }
}
