package io.fluentkafka.worker.helm;

import static io.fluentkafka.worker.helm.HelmRendering.container;
import static io.fluentkafka.worker.helm.HelmRendering.list;
import static io.fluentkafka.worker.helm.HelmRendering.podSpec;
import static io.fluentkafka.worker.helm.HelmRendering.render;
import static io.fluentkafka.worker.helm.HelmRendering.renderWith;
import static io.fluentkafka.worker.helm.HelmRendering.resource;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.yaml.snakeyaml.Yaml;

/** Image and the pod settings passed through from values: scheduling, annotations, extra volumes. */
class HelmPodSettingsTest {

    /**
     * The image profile (pom.xml) tags the image with image.tag, which its antrun step makes the project version without
     * -SNAPSHOT; the chart deploys repository:appVersion by default. Both must name the same image, or the README's
     * build-push-install steps end in ImagePullBackOff.
     */
    @Test
    void deploysByDefaultTheImageTheBuildTags() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        XPath xpath = XPathFactory.newInstance().newXPath();
        String profile = "/project/profiles/profile[id='image']/build/plugins/plugin";
        String tag = profile + "[artifactId='maven-antrun-plugin']//target/loadresource[@property='image.tag']";
        String releaseVersion = xpath.evaluate("/project/version", pom).replaceFirst("-SNAPSHOT$", "");
        Map<String, Object> chart = new Yaml().load(Files.readString(HelmRendering.CHART.resolve("Chart.yaml")));

        assertAll(
                () -> assertEquals("${project.artifactId}:${image.tag}",
                        xpath.evaluate(profile + "[artifactId='jib-maven-plugin']/configuration/to/image", pom)),
                () -> assertEquals("${project.version}", xpath.evaluate(tag + "/string/@value", pom)),
                () -> assertEquals("-SNAPSHOT$", xpath.evaluate(tag + "//replaceregex/@pattern", pom)),
                () -> assertEquals(releaseVersion, chart.get("appVersion"),
                        "Chart.yaml's appVersion is the project version without -SNAPSHOT"),
                () -> assertEquals(xpath.evaluate("/project/artifactId", pom) + ":" + releaseVersion,
                        container(render(UnaryOperator.identity())).get("image")));
    }

    @Test
    void deploysTheImageTheBuildTagsUnlessTold() {
        assertAll(
                () -> assertEquals("fluent-kafka-worker:0.1.0", container(render(UnaryOperator.identity())).get("image"),
                        "the repository Jib names and the chart's appVersion"),
                () -> assertEquals("registry.example.com/acme/fluent-kafka-worker:0.2.0-rc1", container(render(template -> template
                        .set("image.repository", "registry.example.com/acme/fluent-kafka-worker").set("image.tag", "0.2.0-rc1")))
                        .get("image")));
    }

    @Test
    void passesTheSchedulingSettingsToThePod() {
        Map<String, Object> allFeatures = podSpec(renderWith("all-features-values.yaml"));
        Map<String, Object> typical = podSpec(render(template -> template.withValuesFile(resource("typical-values.yaml"))));

        assertAll(
                () -> assertEquals("high-priority", allFeatures.get("priorityClassName")),
                () -> assertEquals(Map.of("kubernetes.io/os", "linux"), allFeatures.get("nodeSelector")),
                () -> assertEquals(List.of(Map.of("key", "dedicated", "operator", "Equal", "value", "workers", "effect", "NoSchedule")),
                        typical.get("tolerations")),
                () -> assertEquals(List.of("podAntiAffinity"), List.copyOf(((Map<?, ?>) typical.get("affinity")).keySet())),
                () -> assertEquals(List.of(Map.of("name", "registry-credentials")), typical.get("imagePullSecrets")));
    }

    @Test
    void leavesOutUnsetSchedulingSettings() {
        Map<String, Object> pod = podSpec(render(UnaryOperator.identity()));

        assertAll(List.of("priorityClassName", "nodeSelector", "tolerations", "affinity", "imagePullSecrets").stream()
                .map(key -> () -> assertFalse(pod.containsKey(key), key)));
    }

    @Test
    void addsThePodAnnotationsBesideTheConfigChecksum() {
        Map<String, Object> annotations = HelmRendering.at(HelmRendering.object(renderWith("all-features-values.yaml"), "Deployment"),
                "spec", "template", "metadata", "annotations");

        assertAll(
                () -> assertEquals("commerce", annotations.get("example.com/owner")),
                () -> assertEquals(List.of("checksum/config", "example.com/owner"), annotations.keySet().stream().sorted().toList()));
    }

    @Test
    void mountsTheExtraVolumesAfterTheChartsOwn() {
        Map<String, Map<String, Object>> objects = renderWith("all-features-values.yaml");
        List<Map<String, Object>> volumes = list(podSpec(objects), "volumes");
        List<Map<String, Object>> mounts = list(container(objects), "volumeMounts");

        assertAll(
                () -> assertEquals(Map.of("name", "corporate-cas", "configMap", Map.of("name", "corporate-cas")),
                        volumes.get(volumes.size() - 1)),
                () -> assertEquals(Map.of("name", "corporate-cas", "mountPath", "/etc/corporate-cas", "readOnly", true),
                        mounts.get(mounts.size() - 1)),
                () -> assertEquals("tmp", volumes.get(0).get("name")));
    }
}
