package io.fluentkafka.worker.support.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One child JVM, run with the {@code java} executable of the current JVM, its standard output and error appended to
 * one log file. Signals are sent the way {@link Process} sends them on Linux: {@link #terminate} is SIGTERM (the
 * child's shutdown hooks run), {@link #kill} is SIGKILL (nothing runs).
 */
final class ChildJvm {

    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    private static final int TAIL_LINES = 60;

    private final Process process;
    private final Path logFile;

    private ChildJvm(Process process, Path logFile) {
        this.process = process;
        this.logFile = logFile;
    }

    /** Starts {@code java <arguments>}; the log file and its directory are created if missing and never truncated. */
    static ChildJvm start(List<String> arguments, Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        return launch(new ProcessBuilder(command), logFile);
    }

    /**
     * Starts {@code command}, a program that ends by exec-ing a JVM (e.g. a container image's entrypoint under
     * {@code chroot}), with exactly {@code environment}. The program must exec, not fork, so that the signals sent
     * here reach the JVM.
     */
    static ChildJvm exec(List<String> command, Map<String, String> environment, Path logFile) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        return launch(builder, logFile);
    }

    private static ChildJvm launch(ProcessBuilder builder, Path logFile) {
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Process process = builder.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            return new ChildJvm(process, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + builder.command().get(0) + " logging to " + logFile, e);
        }
    }

    /** A port of 127.0.0.1 no socket listens on right now; another process may still take it before it is used. */
    static int freeLoopbackPort() {
        return freeLoopbackPorts(1)[0];
    }

    /** {@code count} distinct free ports of 127.0.0.1, all held open together while chosen so none repeats. */
    static int[] freeLoopbackPorts(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
            }
            return Arrays.stream(sockets).mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        } finally {
            for (ServerSocket socket : sockets) {
                closeQuietly(socket);
            }
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code; only once the process has exited. */
    int exitCode() {
        return process.exitValue();
    }

    /** SIGKILL, then waits for the process to be gone. Does nothing if it already exited. */
    void kill() {
        process.destroyForcibly();
        if (!waitFor(KILL_TIMEOUT)) {
            throw new IllegalStateException("pid " + pid() + " still alive " + KILL_TIMEOUT.toSeconds()
                    + " s after SIGKILL");
        }
    }

    /** Sends a signal by name ({@code STOP}, {@code CONT}) with {@code kill}, and waits for {@code kill} to exit. */
    void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid() + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill -" + name + " " + pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending " + name + " to pid " + pid(), e);
        }
    }

    /**
     * SIGTERM, then waits up to {@code timeout} for the process to exit. If it has not exited by then it is killed
     * and an {@link IllegalStateException} with the tail of its log is thrown.
     */
    ProcessExit terminate(Duration timeout) {
        long start = System.nanoTime();
        process.destroy();
        if (!waitFor(timeout)) {
            kill();
            throw new IllegalStateException("pid " + pid() + " did not exit within " + timeout.toSeconds()
                    + " s of SIGTERM and was killed; log tail:\n" + logTail());
        }
        return new ProcessExit(process.exitValue(), Duration.ofNanos(System.nanoTime() - start));
    }

    /** The whole log, bytes that are not UTF-8 replaced. */
    String logText() {
        try {
            return new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + logFile, e);
        }
    }

    /** The last lines of the log, for failure messages. */
    String logTail() {
        List<String> lines = logText().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for pid " + pid(), e);
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // only probed for a port number
        }
    }
}
