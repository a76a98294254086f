package io.fluentkafka.worker.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders helm/fluent-kafka-worker in-process (helm-java's {@code helm template}) for the Helm*Test classes. Every render
 * starts from src/test/resources/helm/required-values.yaml, the three values the chart cannot default; a customisation
 * adds values files or {@code --set}s on top. Rendered objects are keyed by "Kind/name".
 */
final class HelmRendering {

    static final Path CHART = Path.of("helm", "fluent-kafka-worker").toAbsolutePath();
    static final String RELEASE = "orders";
    static final String FULLNAME = "orders-fluent-kafka-worker";

    private HelmRendering() {
    }

    /** The manifests as Helm prints them. */
    static String renderManifests(UnaryOperator<TemplateCommand> customisation) {
        TemplateCommand template = new Helm(CHART).template().withName(RELEASE)
                .withValuesFile(resource("required-values.yaml"));
        return customisation.apply(template).call();
    }

    /** The rendered objects keyed by "Kind/name", in the order Helm printed them. */
    static Map<String, Map<String, Object>> render(UnaryOperator<TemplateCommand> customisation) {
        Map<String, Map<String, Object>> objects = new LinkedHashMap<>();
        for (Object document : new Yaml().loadAll(renderManifests(customisation))) {
            if (document != null) {
                Map<String, Object> object = at(document);
                String key = object.get("kind") + "/" + at(object, "metadata").get("name");
                assertTrue(objects.put(key, object) == null, () -> "rendered twice: " + key);
            }
        }
        return objects;
    }

    /** Renders with these files from src/test/resources/helm on top of the required values, in order. */
    static Map<String, Map<String, Object>> renderWith(String... valuesFiles) {
        return render(template -> {
            for (String file : valuesFiles) {
                template.withValuesFile(resource(file));
            }
            return template;
        });
    }

    /** Asserts that the chart refuses to render, returning Helm's message. */
    static String refusal(UnaryOperator<TemplateCommand> customisation) {
        return assertThrows(IllegalStateException.class, () -> renderManifests(customisation)).getMessage();
    }

    /** The object of this kind named after the release; fails the test when it was not rendered. */
    static Map<String, Object> object(Map<String, Map<String, Object>> objects, String kind) {
        Map<String, Object> object = objects.get(kind + "/" + FULLNAME);
        assertNotNull(object, () -> kind + "/" + FULLNAME + " not rendered: " + objects.keySet());
        return object;
    }

    static Map<String, Object> podSpec(Map<String, Map<String, Object>> objects) {
        return at(object(objects, "Deployment"), "spec", "template", "spec");
    }

    static Map<String, Object> container(Map<String, Map<String, Object>> objects) {
        List<?> containers = (List<?>) podSpec(objects).get("containers");
        assertEquals(1, containers.size());
        return at(containers.get(0));
    }

    static Map<String, Object> configData(Map<String, Map<String, Object>> objects) {
        return at(object(objects, "ConfigMap"), "data");
    }

    /** The container's env entries read from Secrets, by name: each one's secretKeyRef ({name, key}). */
    static Map<String, Object> secretEnv(Map<String, Map<String, Object>> objects) {
        return envFrom(objects, "secretKeyRef");
    }

    /** The container's env entries read from ConfigMaps, by name: each one's configMapKeyRef ({name, key}). */
    static Map<String, Object> configMapEnv(Map<String, Map<String, Object>> objects) {
        return envFrom(objects, "configMapKeyRef");
    }

    private static Map<String, Object> envFrom(Map<String, Map<String, Object>> objects, String reference) {
        Map<String, Object> env = new LinkedHashMap<>();
        for (Object variable : (List<?>) container(objects).get("env")) {
            if (at(variable, "valueFrom").containsKey(reference)) {
                env.put((String) at(variable).get("name"), at(variable, "valueFrom", reference));
            }
        }
        return env;
    }

    /** Walks nested YAML mappings; fails the test if a step is missing or not a mapping. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> at(Object node, String... path) {
        List<String> walked = new ArrayList<>();
        Object current = node;
        for (String key : path) {
            assertTrue(current instanceof Map, () -> "not a mapping at " + walked);
            current = ((Map<String, Object>) current).get(key);
            walked.add(key);
        }
        assertTrue(current instanceof Map, () -> "not a mapping at " + walked);
        return (Map<String, Object>) current;
    }

    /** The items of a YAML sequence at this path, each a mapping. */
    static List<Map<String, Object>> list(Object node, String... path) {
        Map<String, Object> parent = at(node, java.util.Arrays.copyOf(path, path.length - 1));
        Object sequence = parent.get(path[path.length - 1]);
        assertTrue(sequence instanceof List, () -> "not a sequence at " + List.of(path));
        return ((List<?>) sequence).stream().map(item -> at(item)).toList();
    }

    static Path resource(String name) {
        try {
            return Path.of(HelmRendering.class.getResource("/helm/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no test resource helm/" + name, e);
        }
    }
}
