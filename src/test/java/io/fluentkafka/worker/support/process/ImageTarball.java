package io.fluentkafka.worker.support.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A container image tarball as {@code jib:buildTar} writes it (the Docker archive layout: {@code manifest.json}, a
 * config, gzipped layers), read without a container daemon. The archive is read with the {@code tar} program, which
 * keeps the layers' owners, modes, links and device nodes when run as root.
 */
public final class ImageTarball {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path tarball;
    private final List<String> layers;
    private final JsonNode config;

    private ImageTarball(Path tarball, List<String> layers, JsonNode config) {
        this.tarball = tarball;
        this.layers = layers;
        this.config = config;
    }

    /** Reads the manifest and the config of the one image in {@code tarball}. */
    public static ImageTarball read(Path tarball) {
        if (!Files.isRegularFile(tarball)) {
            throw new IllegalStateException("no image tarball at " + tarball + ": build it with mvn -Pimage package");
        }
        JsonNode manifest = json(entry(tarball, "manifest.json")).get(0);
        List<String> layers = new ArrayList<>();
        manifest.get("Layers").forEach(layer -> layers.add(layer.asText()));
        JsonNode config = json(entry(tarball, manifest.get("Config").asText())).get("config");
        return new ImageTarball(tarball, List.copyOf(layers), config);
    }

    /** The user the entrypoint runs as ({@code User}), e.g. {@code 10001:10001}. */
    public String user() {
        return config.path("User").asText("");
    }

    /** What a runtime starts: {@code Entrypoint} followed by {@code Cmd}. */
    public List<String> command() {
        List<String> command = new ArrayList<>();
        config.path("Entrypoint").forEach(part -> command.add(part.asText()));
        config.path("Cmd").forEach(part -> command.add(part.asText()));
        return command;
    }

    /** The image's environment ({@code Env}), in its order. */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        config.path("Env").forEach(variable -> {
            String[] nameAndValue = variable.asText().split("=", 2);
            environment.put(nameAndValue[0], nameAndValue.length > 1 ? nameAndValue[1] : "");
        });
        return environment;
    }

    /** The exposed ports ({@code ExposedPorts}), e.g. {@code 8080/tcp}. */
    public List<String> exposedPorts() {
        List<String> ports = new ArrayList<>();
        config.path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        return ports;
    }

    /** The labels ({@code Labels}). */
    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        config.path("Labels").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
        return labels;
    }

    /**
     * Extracts the layers, lowest first, into {@code root}, which is emptied first; returns {@code root}. Layers that
     * delete files of lower ones (whiteouts) are refused rather than half applied: the images built here have none.
     */
    public Path unpack(Path root) {
        deleteRecursively(root);
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root, e);
        }
        for (String layer : layers) {
            run(List.of("sh", "-c", "tar -xOf \"$1\" \"$2\" | tar -xz --warning=no-unknown-keyword -C \"$3\"",
                    "sh", tarball.toString(), layer, root.toString()));
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(file -> file.getFileName().toString().startsWith(".wh.")).findFirst().ifPresent(whiteout -> {
                throw new IllegalStateException("layer whiteouts are not supported: " + whiteout);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root, e);
        }
        return root;
    }

    private static String entry(Path tarball, String name) {
        return new String(run(List.of("tar", "-xOf", tarball.toString(), name)), StandardCharsets.UTF_8);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    /** Runs {@code command} and returns its standard output; throws with its error output if it fails. */
    private static byte[] run(List<String> command) {
        try {
            Path errors = Files.createTempFile("image-tarball", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
                byte[] output = process.getInputStream().readAllBytes();
                if (process.waitFor() != 0) {
                    throw new IllegalStateException(command + " failed: " + Files.readString(errors));
                }
                return output;
            } finally {
                Files.delete(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
