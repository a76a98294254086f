package io.fluentkafka.worker.helm;

import static io.fluentkafka.worker.helm.HelmRendering.at;
import static io.fluentkafka.worker.helm.HelmRendering.list;
import static io.fluentkafka.worker.helm.HelmRendering.object;
import static io.fluentkafka.worker.helm.HelmRendering.podSpec;
import static io.fluentkafka.worker.helm.HelmRendering.refusal;
import static io.fluentkafka.worker.helm.HelmRendering.render;
import static io.fluentkafka.worker.helm.HelmRendering.renderWith;
import static io.fluentkafka.worker.helm.HelmRendering.resource;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Disruption budget, topology spread and the two autoscalers (HPA on CPU, KEDA on consumer-group lag). */
class HelmScalingTest {

    private static final Map<String, String> SELECTOR = Map.of(
            "app.kubernetes.io/name", "fluent-kafka-worker", "app.kubernetes.io/instance", "orders");

    @Test
    void limitsVoluntaryEvictionsToOnePodAtATimeByDefault() {
        Map<String, Object> spec = at(object(render(UnaryOperator.identity()), "PodDisruptionBudget"), "spec");

        assertEquals(Map.of("maxUnavailable", 1, "unhealthyPodEvictionPolicy", "AlwaysAllow",
                "selector", Map.of("matchLabels", SELECTOR)), spec);
    }

    @Test
    void letsADrainEvictPodsThatAreNotReadyWhileKafkaOrFluentIsDown() {
        PodDisruptionBudget budget = (PodDisruptionBudget) StrictManifests.parse(
                object(render(UnaryOperator.identity()), "PodDisruptionBudget"));
        Map<String, Object> olderCluster = at(object(render(template -> template
                .set("podDisruptionBudget.unhealthyPodEvictionPolicy", "")), "PodDisruptionBudget"), "spec");

        assertAll(
                () -> assertEquals("AlwaysAllow", budget.getSpec().getUnhealthyPodEvictionPolicy(),
                        "readiness is DOWN during an outage; IfHealthyBudget would block every eviction"),
                () -> assertFalse(olderCluster.containsKey("unhealthyPodEvictionPolicy"), olderCluster::toString),
                () -> assertTrue(refusal(template -> template.set("podDisruptionBudget.unhealthyPodEvictionPolicy", "Never"))
                        .contains("unhealthyPodEvictionPolicy"), "Never accepted"));
    }

    @Test
    void spreadsThePodsAcrossZonesThenNodesAsAPreferenceByDefault() {
        List<Map<String, Object>> constraints = list(podSpec(render(UnaryOperator.identity())), "topologySpreadConstraints");

        assertEquals(List.of("topology.kubernetes.io/zone", "kubernetes.io/hostname"),
                constraints.stream().map(constraint -> constraint.get("topologyKey")).toList());
        assertAll(constraints.stream().map(constraint -> () -> assertAll(
                () -> assertEquals(1, constraint.get("maxSkew")),
                () -> assertEquals("ScheduleAnyway", constraint.get("whenUnsatisfiable")),
                () -> assertEquals(Map.of("matchLabels", SELECTOR), constraint.get("labelSelector")),
                () -> assertEquals(List.of("pod-template-hash"), constraint.get("matchLabelKeys")))));
    }

    @Test
    void leavesOutTheBudgetAndTheSpreadWhenDisabled() {
        Map<String, Map<String, Object>> objects = render(template -> template
                .set("podDisruptionBudget.enabled", false).set("topologySpread.enabled", false));

        assertAll(
                () -> assertFalse(objects.keySet().stream().anyMatch(key -> key.startsWith("PodDisruptionBudget/")),
                        () -> objects.keySet().toString()),
                () -> assertFalse(podSpec(objects).containsKey("topologySpreadConstraints")));
    }

    @Test
    void scalesOnCpuWithTheHpaAndLeavesTheReplicaCountToIt() {
        Map<String, Map<String, Object>> objects = renderWith("hpa-values.yaml");
        Map<String, Object> spec = at(object(objects, "HorizontalPodAutoscaler"), "spec");

        assertAll(
                () -> assertEquals(Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", HelmRendering.FULLNAME),
                        spec.get("scaleTargetRef")),
                () -> assertEquals(2, spec.get("minReplicas")),
                () -> assertEquals(6, spec.get("maxReplicas")),
                () -> assertEquals(List.of(Map.of("type", "Resource", "resource", Map.of("name", "cpu",
                        "target", Map.of("type", "Utilization", "averageUtilization", 70)))), spec.get("metrics")),
                () -> assertFalse(at(object(objects, "Deployment"), "spec").containsKey("replicas")),
                () -> assertFalse(objects.keySet().stream().anyMatch(key -> key.startsWith("ScaledObject/"))));
    }

    @Test
    void scalesOnTheLagOfEveryCommandTopicWithKeda() {
        Map<String, Map<String, Object>> objects = render(template -> template
                .withValuesFile(resource("typical-values.yaml")).set("kafka.securityProtocol", "SASL_PLAINTEXT")
                .set("autoscaling.keda.enabled", true).set("autoscaling.keda.auth.existingSecret", "kafka-keda"));
        Map<String, Object> spec = at(object(objects, "ScaledObject"), "spec");
        List<Map<String, Object>> triggers = list(spec, "triggers");
        Map<String, Object> commands = HelmRendering.configData(objects);

        assertAll(
                () -> assertEquals(Map.of("name", HelmRendering.FULLNAME), spec.get("scaleTargetRef")),
                () -> assertEquals(2, spec.get("minReplicaCount")),
                () -> assertEquals(6, spec.get("maxReplicaCount")),
                () -> assertEquals(commands.entrySet().stream()
                                .filter(variable -> variable.getKey().startsWith("WORKER_TOPICS_")
                                        && !variable.getKey().equals("WORKER_TOPICS_REPLIES"))
                                .map(Map.Entry::getValue).sorted().toList(),
                        triggers.stream().map(trigger -> at(trigger, "metadata").get("topic")).sorted().toList()),
                () -> assertEquals(Map.of("bootstrapServers", "broker-0.kafka:9093,broker-1.kafka:9093",
                        "consumerGroup", "acme-fluent-worker", "topic", "acme.create-customer", "lagThreshold", "100",
                        "sasl", "scram_sha512", "tls", "disable"), at(triggers.get(0), "metadata")),
                () -> assertEquals("create-customer", triggers.get(0).get("name")),
                () -> assertTrue(triggers.stream().allMatch(trigger -> "kafka".equals(trigger.get("type"))
                        && Map.of("name", HelmRendering.FULLNAME + "-kafka").equals(trigger.get("authenticationRef")))),
                () -> assertFalse(at(object(objects, "Deployment"), "spec").containsKey("replicas")));
    }

    @Test
    void givesKedaOnlyTheCredentialsItsKafkaClientCanUse() {
        Map<String, Map<String, Object>> sasl = render(template -> template
                .withValuesFile(resource("typical-values.yaml"))
                .set("autoscaling.keda.enabled", true).set("autoscaling.keda.auth.existingSecret", "kafka-keda"));
        Map<String, Map<String, Object>> tlsOnly = render(template -> template
                .set("kafka.securityProtocol", "SSL").set("autoscaling.keda.enabled", true)
                .set("autoscaling.keda.auth.existingSecret", "kafka-keda").set("autoscaling.keda.auth.secretKeys.ca", "ca.crt"));

        assertAll(
                () -> assertEquals(List.of(
                                Map.of("parameter", "password", "name", "kafka-keda", "key", "password"),
                                Map.of("parameter", "username", "name", "kafka-keda", "key", "username")),
                        list(at(sasl.get("TriggerAuthentication/" + HelmRendering.FULLNAME + "-kafka"), "spec"), "secretTargetRef")),
                () -> assertEquals(List.of(Map.of("parameter", "ca", "name", "kafka-keda", "key", "ca.crt")),
                        list(at(tlsOnly.get("TriggerAuthentication/" + HelmRendering.FULLNAME + "-kafka"), "spec"), "secretTargetRef")),
                () -> assertEquals(Map.of("sasl", "none", "tls", "enable"), Map.of(
                        "sasl", at(list(at(object(tlsOnly, "ScaledObject"), "spec"), "triggers").get(0), "metadata").get("sasl"),
                        "tls", at(list(at(object(tlsOnly, "ScaledObject"), "spec"), "triggers").get(0), "metadata").get("tls"))));
    }

    @Test
    void refusesTwoAutoscalersAtOnce() {
        String message = refusal(template -> template
                .set("autoscaling.hpa.enabled", true).set("autoscaling.keda.enabled", true));

        assertTrue(message.contains("autoscaling.hpa.enabled and autoscaling.keda.enabled are both true"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hpa", "keda"})
    void refusesMoreReplicasThanTheCommandTopicsHavePartitions(String autoscaler) {
        String message = refusal(template -> template.set("autoscaling." + autoscaler + ".enabled", true)
                .set("autoscaling.commandTopicPartitions", 4).set("autoscaling.maxReplicas", 5));

        assertTrue(message.contains("autoscaling.maxReplicas (5) exceeds autoscaling.commandTopicPartitions (4)"), message);
    }

    @Test
    void refusesAMinimumAboveTheMaximum() {
        String message = refusal(template -> template.set("autoscaling.hpa.enabled", true)
                .set("autoscaling.minReplicas", 4).set("autoscaling.maxReplicas", 3));

        assertTrue(message.contains("autoscaling.minReplicas (4) exceeds autoscaling.maxReplicas (3)"), message);
    }

    @Test
    void refusesTheHpaWithoutACpuRequest() {
        String message = refusal(template -> template.set("autoscaling.hpa.enabled", true)
                .set("resources.requests.cpu", "null"));

        assertTrue(message.contains("autoscaling.hpa needs resources.requests.cpu"), message);
    }

    @Test
    void refusesKedaOnSaslKafkaWithoutCredentialsOfItsOwn() {
        String message = refusal(template -> template.withValuesFile(resource("typical-values.yaml"))
                .set("autoscaling.keda.enabled", true));

        assertTrue(message.contains("autoscaling.keda.auth.existingSecret with secretKeys.username and secretKeys.password is required"),
                message);
    }

    @Test
    void refusesKedaOnMutualTlsWithoutAPemCertificateAndKey() {
        String message = refusal(template -> template.withValuesFile(resource("all-features-values.yaml"))
                .set("autoscaling.keda.auth.secretKeys.key", ""));

        assertTrue(message.contains("secretKeys.cert and secretKeys.key (PEM) is required with kafka.tls.keystore"), message);
    }

    @Test
    void refusesKedaOnAPrivateCaWithoutThatCaInPem() {
        String withoutCa = refusal(template -> template.withValuesFile(resource("all-features-values.yaml"))
                .set("autoscaling.keda.auth.secretKeys.ca", ""));
        String withoutSecret = refusal(template -> template.set("kafka.securityProtocol", "SSL")
                .set("kafka.tls.truststore.existingSecret", "kafka-truststore").set("autoscaling.keda.enabled", true));

        assertAll(
                () -> assertTrue(withoutCa.contains("autoscaling.keda.auth.existingSecret with secretKeys.ca (PEM) is required"
                        + " with kafka.tls.truststore.existingSecret"), withoutCa),
                () -> assertTrue(withoutSecret.contains("secretKeys.ca (PEM) is required"), withoutSecret));
    }
}
