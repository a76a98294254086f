package io.fluentkafka.worker.helm;

import static io.fluentkafka.worker.helm.HelmRendering.FULLNAME;
import static io.fluentkafka.worker.helm.HelmRendering.at;
import static io.fluentkafka.worker.helm.HelmRendering.list;
import static io.fluentkafka.worker.helm.HelmRendering.object;
import static io.fluentkafka.worker.helm.HelmRendering.refusal;
import static io.fluentkafka.worker.helm.HelmRendering.render;
import static io.fluentkafka.worker.helm.HelmRendering.renderWith;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The optional ServiceMonitor and NetworkPolicy; neither is rendered unless enabled. */
class HelmNetworkAndMonitoringTest {

    private static final Map<String, String> SELECTOR = Map.of(
            "app.kubernetes.io/name", "fluent-kafka-worker", "app.kubernetes.io/instance", "orders");

    @Test
    void rendersNeitherByDefault() {
        Map<String, Map<String, Object>> objects = render(UnaryOperator.identity());

        assertTrue(objects.keySet().stream().noneMatch(key -> key.startsWith("ServiceMonitor/") || key.startsWith("NetworkPolicy/")),
                objects.keySet()::toString);
    }

    @Test
    void scrapesPrometheusOnTheServicesHttpPort() {
        Map<String, Map<String, Object>> objects = renderWith("all-features-values.yaml");
        Map<String, Object> monitor = object(objects, "ServiceMonitor");
        Map<String, Object> service = object(objects, "Service");

        assertAll(
                () -> assertEquals(List.of(Map.of("port", "http", "path", "/prometheus", "interval", "15s", "scrapeTimeout", "5s")),
                        at(monitor, "spec").get("endpoints")),
                () -> assertEquals(Map.of("matchLabels", SELECTOR), at(monitor, "spec").get("selector")),
                () -> assertTrue(at(service, "metadata", "labels").entrySet().containsAll(SELECTOR.entrySet()),
                        "the Service does not carry the labels the ServiceMonitor selects"),
                () -> assertEquals("http", list(at(service, "spec"), "ports").get(0).get("name")),
                () -> assertEquals("kube-prometheus-stack", at(monitor, "metadata", "labels").get("release")));
    }

    @Test
    void admitsOnlyTheHttpPortFromTheNamedNamespaces() {
        Map<String, Object> spec = at(object(renderWith("all-features-values.yaml"), "NetworkPolicy"), "spec");

        assertAll(
                () -> assertEquals(Map.of("matchLabels", SELECTOR), spec.get("podSelector")),
                () -> assertEquals(List.of("Ingress", "Egress"), spec.get("policyTypes")),
                () -> assertEquals(List.of(httpFrom("monitoring", "ops"), httpFrom("ingress-nginx")), spec.get("ingress"),
                        "management's namespaces, then the webhooks' ingress controller's"));
    }

    /** An ingress rule admitting pods of these namespaces to the http port. */
    static Map<String, Object> httpFrom(String... namespaces) {
        return Map.of("from", List.of(Map.of("namespaceSelector", Map.of("matchExpressions", List.of(Map.of(
                        "key", "kubernetes.io/metadata.name", "operator", "In", "values", List.of(namespaces)))))),
                "ports", List.of(Map.of("port", "http", "protocol", "TCP")));
    }

    @Test
    void admitsNothingWhenNoNamespaceIsNamed() {
        Map<String, Object> spec = at(object(render(template -> template.set("networkPolicy.enabled", true)
                .set("networkPolicy.egress.kafka.cidrs[0]", "10.0.0.0/8")), "NetworkPolicy"), "spec");

        assertEquals(List.of(), spec.get("ingress"));
    }

    @Test
    void letsThePodsReachOnlyKafkaFluentAndDns() {
        Map<String, Object> spec = at(object(renderWith("all-features-values.yaml"), "NetworkPolicy"), "spec");

        assertEquals(List.of(
                Map.of("to", List.of(Map.of("ipBlock", Map.of("cidr", "10.20.0.0/16"))),
                        "ports", List.of(Map.of("port", 9093, "protocol", "TCP"), Map.of("port", 9094, "protocol", "TCP"))),
                Map.of("to", List.of(Map.of("ipBlock", Map.of("cidr", "0.0.0.0/0"))),
                        "ports", List.of(Map.of("port", 443, "protocol", "TCP"))),
                Map.of("to", List.of(Map.of("ipBlock", Map.of("cidr", "10.96.0.10/32"))),
                        "ports", List.of(Map.of("port", 53, "protocol", "UDP"), Map.of("port", 53, "protocol", "TCP")))),
                spec.get("egress"));
    }

    @Test
    void letsDnsReachAnyAddressOnItsPortsWhenNoCidrIsGiven() {
        Map<String, Object> spec = at(object(render(template -> template.set("networkPolicy.enabled", true)
                .set("networkPolicy.egress.kafka.cidrs[0]", "10.0.0.0/8")), "NetworkPolicy"), "spec");

        assertEquals(Map.of("ports", List.of(Map.of("port", 53, "protocol", "UDP"), Map.of("port", 53, "protocol", "TCP"))),
                list(spec, "egress").get(2));
    }

    @Test
    void refusesAPolicyThatWouldCutTheWorkerOffKafka() {
        String message = refusal(template -> template.set("networkPolicy.enabled", true));

        assertTrue(message.contains("networkPolicy.egress.kafka needs cidrs, namespaceSelector or podSelector"), message);
    }

    @Test
    void reachesKafkaInTheClusterByNamespaceAndPodLabels() {
        Map<String, Object> policy = object(render(template -> template.set("networkPolicy.enabled", true)
                .set("networkPolicy.egress.kafka.namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name", "kafka")
                .set("networkPolicy.egress.kafka.podSelector.matchLabels.strimzi\\.io/cluster", "events")), "NetworkPolicy");
        NetworkPolicyPeer peer = ((NetworkPolicy) StrictManifests.parse(policy)).getSpec().getEgress().get(0).getTo().get(0);

        assertAll(
                () -> assertEquals(List.of(Map.of("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "kafka")),
                        "podSelector", Map.of("matchLabels", Map.of("strimzi.io/cluster", "events")))),
                        list(at(policy, "spec"), "egress").get(0).get("to"), "one peer: both selectors must match"),
                () -> assertEquals(Map.of("kubernetes.io/metadata.name", "kafka"), peer.getNamespaceSelector().getMatchLabels()),
                () -> assertEquals(Map.of("strimzi.io/cluster", "events"), peer.getPodSelector().getMatchLabels()),
                () -> assertEquals(null, peer.getIpBlock()));
    }

    @Test
    void reachesKafkaByCidrsAndPodLabelsTogether() {
        Map<String, Object> spec = at(object(render(template -> template.set("networkPolicy.enabled", true)
                .set("networkPolicy.egress.kafka.cidrs[0]", "10.0.0.0/8")
                .set("networkPolicy.egress.kafka.podSelector.matchLabels.app", "kafka")), "NetworkPolicy"), "spec");

        assertEquals(List.of(Map.of("ipBlock", Map.of("cidr", "10.0.0.0/8")),
                Map.of("podSelector", Map.of("matchLabels", Map.of("app", "kafka")))), list(spec, "egress").get(0).get("to"));
    }

    @Test
    void refusesAPolicyThatWouldKeepPrometheusFromScraping() {
        String message = refusal(template -> template.set("networkPolicy.enabled", true)
                .set("networkPolicy.egress.kafka.cidrs[0]", "10.0.0.0/8").set("serviceMonitor.enabled", true));

        assertTrue(message.contains("networkPolicy.ingressNamespaces is empty with networkPolicy.enabled and serviceMonitor.enabled"),
                message);
    }

    @Test
    void labelsEveryObjectForTheRelease() {
        Map<String, Map<String, Object>> objects = renderWith("all-features-values.yaml");

        assertAll(objects.entrySet().stream().map(entry -> () -> assertTrue(
                at(entry.getValue(), "metadata", "labels").entrySet().containsAll(SELECTOR.entrySet()), entry.getKey())));
        assertTrue(objects.containsKey("TriggerAuthentication/" + FULLNAME + "-kafka"), objects.keySet()::toString);
    }
}
