package io.fluentkafka.worker.helm;

import static io.fluentkafka.worker.helm.HelmRendering.FULLNAME;
import static io.fluentkafka.worker.helm.HelmRendering.renderWith;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every object the chart renders, for minimal, typical and all-features values and with the HPA, parses into its
 * Kubernetes type with no unknown field and no wrongly typed value ({@link StrictManifests}). KEDA's and the Prometheus
 * Operator's custom resources are checked structurally against {@link CustomResourceShapes}.
 */
class HelmManifestTypesTest {

    static Stream<Arguments> installs() {
        return Stream.of(
                Arguments.of("minimal", List.of(), List.of("ServiceAccount", "ConfigMap", "Service", "Deployment",
                        "PodDisruptionBudget")),
                Arguments.of("typical", List.of("typical-values.yaml"), List.of("ServiceAccount", "ConfigMap", "Service",
                        "Deployment", "PodDisruptionBudget")),
                Arguments.of("all features", List.of("all-features-values.yaml"), List.of("NetworkPolicy",
                        "PodDisruptionBudget", "ServiceAccount", "ConfigMap", "Service", "Deployment", "ScaledObject",
                        "ServiceMonitor", "TriggerAuthentication", "Ingress")),
                Arguments.of("hpa", List.of("hpa-values.yaml"), List.of("ServiceAccount", "ConfigMap", "Service",
                        "Deployment", "PodDisruptionBudget", "HorizontalPodAutoscaler")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installs")
    void rendersOnlyObjectsThatParseIntoTheirTypesWithNoUnknownField(String install, List<String> valuesFiles,
            List<String> expectedKinds) {
        Map<String, Map<String, Object>> objects = renderWith(valuesFiles.toArray(String[]::new));

        assertAll(
                () -> assertEquals(expectedKinds.stream().sorted().toList(),
                        objects.values().stream().map(object -> (String) object.get("kind")).sorted().toList()),
                () -> assertAll(objects.values().stream().map(object -> () -> StrictManifests.parse(object))));
    }

    @Test
    void refusesAMisspeltFieldAnywhereInAnObject() {
        Map<String, Object> deployment = deploymentWith(yaml -> yaml.replace("imagePullPolicy:", "imagePullPolcy:"));

        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> StrictManifests.parse(deployment));

        assertTrue(failure.getMessage().contains("imagePullPolcy"), failure.getMessage());
    }

    @Test
    void refusesAStringWhereKubernetesWantsAnInteger() {
        Map<String, Object> deployment = deploymentWith(yaml -> yaml.replace("terminationGracePeriodSeconds: 45",
                "terminationGracePeriodSeconds: \"45\""));

        assertThrows(IllegalArgumentException.class, () -> StrictManifests.parse(deployment));
    }

    @Test
    void refusesAnUnknownFieldInAKedaTrigger() {
        Map<String, Object> scaledObject = renderWith("all-features-values.yaml").get("ScaledObject/" + FULLNAME);
        Map<String, Object> trigger = triggers(scaledObject).get(0);
        trigger.put("authenticationReference", Map.of("name", "kafka"));

        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> StrictManifests.parse(scaledObject));

        assertTrue(failure.getMessage().contains("authenticationReference"), failure.getMessage());
    }

    @Test
    void refusesANumberWhereKedaWantsAString() {
        Map<String, Object> scaledObject = renderWith("all-features-values.yaml").get("ScaledObject/" + FULLNAME);
        HelmRendering.at(triggers(scaledObject).get(0), "metadata").put("lagThreshold", 500);

        assertThrows(IllegalArgumentException.class, () -> StrictManifests.parse(scaledObject));
    }

    @Test
    void usesOnlyParametersKedasKafkaScalerReads() {
        Map<String, Map<String, Object>> objects = renderWith("all-features-values.yaml");
        var scaledObject = (CustomResourceShapes.ScaledObject) StrictManifests.parse(objects.get("ScaledObject/" + FULLNAME));
        var authentication = (CustomResourceShapes.TriggerAuthentication) StrictManifests.parse(
                objects.get("TriggerAuthentication/" + FULLNAME + "-kafka"));

        assertAll(
                () -> assertTrue(scaledObject.spec().triggers().stream().allMatch(trigger -> "kafka".equals(trigger.type())
                        && CustomResourceShapes.KAFKA_TRIGGER_PARAMETERS.containsAll(trigger.metadata().keySet())),
                        scaledObject.spec().triggers()::toString),
                () -> assertEquals(CustomResourceShapes.KAFKA_AUTH_PARAMETERS.stream().sorted().toList(),
                        authentication.spec().secretTargetRef().stream().map(CustomResourceShapes.SecretTargetRef::parameter)
                                .sorted().toList()));
    }

    @Test
    void readsTheIntOrStringAndQuantityFieldsAsKubernetesWould() {
        Map<String, Map<String, Object>> objects = renderWith("all-features-values.yaml");
        Deployment deployment = (Deployment) StrictManifests.parse(objects.get("Deployment/" + FULLNAME));
        PodDisruptionBudget budget = (PodDisruptionBudget) StrictManifests.parse(objects.get("PodDisruptionBudget/" + FULLNAME));
        HorizontalPodAutoscaler hpa = (HorizontalPodAutoscaler) StrictManifests.parse(
                renderWith("hpa-values.yaml").get("HorizontalPodAutoscaler/" + FULLNAME));
        var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

        assertAll(
                () -> assertEquals(new IntOrString("25%"), budget.getSpec().getMaxUnavailable()),
                () -> assertEquals(new IntOrString("http"), container.getLivenessProbe().getHttpGet().getPort()),
                () -> assertEquals(new Quantity("512Mi"), container.getResources().getLimits().get("memory")),
                () -> assertEquals(288, deployment.getSpec().getTemplate().getSpec().getVolumes().get(1).getSecret().getDefaultMode(),
                        "0440: the stores are readable by the pod's group only"),
                () -> assertEquals(70, hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization()));
    }

    private static Map<String, Object> deploymentWith(Function<String, String> edit) {
        String manifests = HelmRendering.renderManifests(template -> template);
        for (Object document : new Yaml().loadAll(edit.apply(manifests))) {
            if (document instanceof Map<?, ?> object && "Deployment".equals(object.get("kind"))) {
                return new LinkedHashMap<>(HelmRendering.at(object));
            }
        }
        throw new AssertionError("no Deployment rendered");
    }

    private static List<Map<String, Object>> triggers(Map<String, Object> scaledObject) {
        return HelmRendering.list(scaledObject, "spec", "triggers");
    }
}
