package io.fluentkafka.worker.helm;

import static io.fluentkafka.worker.helm.HelmRendering.FULLNAME;
import static io.fluentkafka.worker.helm.HelmRendering.at;
import static io.fluentkafka.worker.helm.HelmRendering.configData;
import static io.fluentkafka.worker.helm.HelmRendering.configMapEnv;
import static io.fluentkafka.worker.helm.HelmRendering.container;
import static io.fluentkafka.worker.helm.HelmRendering.object;
import static io.fluentkafka.worker.helm.HelmRendering.refusal;
import static io.fluentkafka.worker.helm.HelmRendering.render;
import static io.fluentkafka.worker.helm.HelmRendering.renderWith;
import static io.fluentkafka.worker.helm.HelmRendering.secretEnv;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fluent's webhooks: the WORKER_WEBHOOKS_* configuration, the public keys from an existing Secret or ConfigMap, the
 * optional Ingress routing only the webhook path, and the NetworkPolicy's rule for the ingress controller.
 */
class HelmWebhooksTest {

    private static final List<String> VARIABLES = List.of("WORKER_WEBHOOKS_ENABLED", "WORKER_WEBHOOKS_PATH",
            "WORKER_WEBHOOKS_PUBLIC_KEY", "WORKER_WEBHOOKS_PREVIOUS_PUBLIC_KEY", "WORKER_WEBHOOKS_TOPIC",
            "WORKER_WEBHOOKS_ACCEPT_LEGACY_MD5", "WORKER_WEBHOOKS_MAX_CONCURRENT");

    /** Webhooks on, the key from Secret fluent-webhook-key. */
    private static TemplateCommand enabled(TemplateCommand template) {
        return template.set("webhooks.enabled", true).set("webhooks.publicKey.existingSecret", "fluent-webhook-key");
    }

    private static List<String> envNames(Map<String, Map<String, Object>> objects) {
        return ((List<?>) container(objects).get("env")).stream().map(variable -> (String) at(variable).get("name")).toList();
    }

    @Test
    void setsNothingAndExposesNothingByDefault() {
        Map<String, Map<String, Object>> objects = render(UnaryOperator.identity());
        // a key already named does not switch them on
        Map<String, Map<String, Object>> keyOnly = render(template -> template
                .set("webhooks.publicKey.existingSecret", "fluent-webhook-key"));

        assertAll(List.of(objects, keyOnly).stream().map(rendered -> () -> assertAll(
                () -> assertTrue(configData(rendered).keySet().stream().noneMatch(name -> name.startsWith("WORKER_WEBHOOKS_")),
                        configData(rendered)::toString),
                () -> assertTrue(envNames(rendered).stream().noneMatch(name -> name.startsWith("WORKER_WEBHOOKS_")),
                        envNames(rendered)::toString),
                () -> assertTrue(rendered.keySet().stream().noneMatch(key -> key.startsWith("Ingress/")),
                        rendered.keySet()::toString))));
    }

    @Test
    void configuresTheEndpointWithTheKeyFromASecret() {
        Map<String, Map<String, Object>> objects = render(HelmWebhooksTest::enabled);
        Map<String, Object> data = configData(objects);

        assertAll(
                () -> assertEquals("true", data.get("WORKER_WEBHOOKS_ENABLED")),
                () -> assertEquals("/webhooks/fluent", data.get("WORKER_WEBHOOKS_PATH")),
                () -> assertEquals("fluent.events", data.get("WORKER_WEBHOOKS_TOPIC")),
                () -> assertEquals("false", data.get("WORKER_WEBHOOKS_ACCEPT_LEGACY_MD5")),
                () -> assertEquals("64", data.get("WORKER_WEBHOOKS_MAX_CONCURRENT")),
                () -> assertFalse(data.containsKey("WORKER_WEBHOOKS_PUBLIC_KEY"), "the key belongs to its Secret"),
                () -> assertEquals(Map.of("name", "fluent-webhook-key", "key", "public-key"),
                        secretEnv(objects).get("WORKER_WEBHOOKS_PUBLIC_KEY")),
                () -> assertEquals(Map.of(), configMapEnv(objects)),
                () -> assertFalse(envNames(objects).contains("WORKER_WEBHOOKS_PREVIOUS_PUBLIC_KEY"), "no previous key named"),
                () -> assertTrue(objects.keySet().stream().noneMatch(key -> key.startsWith("Ingress/")), "no Ingress asked for"));
    }

    @Test
    void readsTheKeyFromAConfigMap() {
        Map<String, Map<String, Object>> objects = render(template -> template.set("webhooks.enabled", true)
                .set("webhooks.publicKey.existingConfigMap", "fluent-webhook-keys").set("webhooks.publicKey.key", "fluent.pem"));

        assertAll(
                () -> assertEquals(Map.of("WORKER_WEBHOOKS_PUBLIC_KEY", Map.of("name", "fluent-webhook-keys", "key", "fluent.pem")),
                        configMapEnv(objects)),
                () -> assertFalse(secretEnv(objects).containsKey("WORKER_WEBHOOKS_PUBLIC_KEY")));
    }

    @Test
    void readsBothKeysDuringARotationAndPassesTheSettings() {
        Map<String, Map<String, Object>> objects = renderWith("all-features-values.yaml");
        Map<String, Object> data = configData(objects);

        assertAll(
                () -> assertEquals(Map.of("name", "fluent-webhook-key", "key", "current.pem"),
                        secretEnv(objects).get("WORKER_WEBHOOKS_PUBLIC_KEY")),
                () -> assertEquals(Map.of("WORKER_WEBHOOKS_PREVIOUS_PUBLIC_KEY", Map.of("name", "fluent-webhook-keys", "key", "previous.pem")),
                        configMapEnv(objects)),
                () -> assertEquals("/hooks/fluent", data.get("WORKER_WEBHOOKS_PATH")),
                () -> assertEquals("acme.fluent-events", data.get("WORKER_WEBHOOKS_TOPIC")),
                () -> assertEquals("true", data.get("WORKER_WEBHOOKS_ACCEPT_LEGACY_MD5")),
                () -> assertEquals("32", data.get("WORKER_WEBHOOKS_MAX_CONCURRENT")));
    }

    @Test
    void routesOnlyTheWebhookPathToTheHttpPortOverTls() {
        Map<String, Map<String, Object>> objects = renderWith("all-features-values.yaml");
        Ingress ingress = (Ingress) StrictManifests.parse(object(objects, "Ingress"));
        IngressRule rule = ingress.getSpec().getRules().get(0);
        HTTPIngressPath path = rule.getHttp().getPaths().get(0);

        assertAll(
                () -> assertEquals("nginx", ingress.getSpec().getIngressClassName()),
                () -> assertEquals(Map.of("cert-manager.io/cluster-issuer", "letsencrypt"), ingress.getMetadata().getAnnotations()),
                () -> assertEquals(1, ingress.getSpec().getTls().size()),
                () -> assertEquals(List.of("webhooks.acme.example.com"), ingress.getSpec().getTls().get(0).getHosts()),
                () -> assertEquals("webhooks-acme-tls", ingress.getSpec().getTls().get(0).getSecretName()),
                () -> assertEquals(1, ingress.getSpec().getRules().size()),
                () -> assertEquals("webhooks.acme.example.com", rule.getHost()),
                () -> assertEquals(1, rule.getHttp().getPaths().size(), "health and /prometheus get no route"),
                () -> assertEquals("/hooks/fluent", path.getPath()),
                () -> assertEquals("Exact", path.getPathType()),
                () -> assertEquals(FULLNAME, path.getBackend().getService().getName()),
                () -> assertEquals("http", path.getBackend().getService().getPort().getName()),
                () -> assertNull(ingress.getSpec().getDefaultBackend()));
    }

    @Test
    void leavesTlsOutWithoutASecretAndTheClassToTheClusterDefault() {
        Map<String, Object> spec = at(object(render(template -> enabled(template).set("webhooks.ingress.enabled", true)
                .set("webhooks.ingress.host", "webhooks.example.com")), "Ingress"), "spec");

        assertAll(
                () -> assertFalse(spec.containsKey("tls"), spec::toString),
                () -> assertFalse(spec.containsKey("ingressClassName"), spec::toString),
                () -> assertEquals("/webhooks/fluent",
                        HelmRendering.list(HelmRendering.list(spec, "rules").get(0), "http", "paths").get(0).get("path")));
    }

    @Test
    void admitsTheIngressControllerThroughTheNetworkPolicy() {
        Map<String, Object> spec = at(object(render(template -> enabled(template)
                .set("networkPolicy.enabled", true).set("networkPolicy.egress.kafka.cidrs[0]", "10.0.0.0/8")
                .set("webhooks.ingress.enabled", true).set("webhooks.ingress.host", "webhooks.example.com")
                .set("webhooks.ingress.controllerNamespaces[0]", "ingress-nginx")), "NetworkPolicy"), "spec");

        assertEquals(List.of(HelmNetworkAndMonitoringTest.httpFrom("ingress-nginx")), spec.get("ingress"));
    }

    @Test
    void admitsNoControllerWithoutTheWebhooksIngress() {
        Map<String, Object> spec = at(object(render(template -> enabled(template)
                .set("networkPolicy.enabled", true).set("networkPolicy.egress.kafka.cidrs[0]", "10.0.0.0/8")
                .set("webhooks.ingress.controllerNamespaces[0]", "ingress-nginx")), "NetworkPolicy"), "spec");

        assertEquals(List.of(), spec.get("ingress"));
    }

    @Test
    void notesNameTheKeysSourcesAndTheUrlForFluent() {
        String notes = notes("all-features-values.yaml");
        String withoutIngress = notes("all-features-values.yaml", "webhooks-without-ingress-values.yaml");

        assertAll(
                () -> assertTrue(notes.contains("Secret \"fluent-webhook-key\""), notes),
                () -> assertTrue(notes.contains("ConfigMap \"fluent-webhook-keys\""), notes),
                () -> assertTrue(notes.contains("Fluent webhooks are published to \"acme.fluent-events\""), notes),
                () -> assertTrue(notes.contains("https://webhooks.acme.example.com/hooks/fluent"), notes),
                () -> assertTrue(withoutIngress.contains("Fluent cannot reach on its own"), withoutIngress),
                () -> assertFalse(notes().contains("webhook"), "nothing about webhooks while they are off"));
    }

    /** NOTES.txt as `helm install --dry-run` prints it (helm template leaves it out). */
    private static String notes(String... valuesFiles) {
        InstallCommand install = new Helm(HelmRendering.CHART).install().withName(HelmRendering.RELEASE).clientOnly().dryRun()
                .withValuesFile(HelmRendering.resource("required-values.yaml"));
        for (String file : valuesFiles) {
            install.withValuesFile(HelmRendering.resource(file));
        }
        String output = install.call().getOutput();
        return output.substring(output.indexOf("NOTES:"));
    }

    @Test
    void refusesWebhooksWithoutAPublicKey() {
        String message = refusal(template -> template.set("webhooks.enabled", true));

        assertTrue(message.contains("webhooks.publicKey.existingSecret or webhooks.publicKey.existingConfigMap is required with webhooks.enabled"),
                message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"publicKey", "previousPublicKey"})
    void refusesAKeyFromBothASecretAndAConfigMap(String key) {
        String message = refusal(template -> enabled(template)
                .set("webhooks." + key + ".existingSecret", "fluent-webhook-key")
                .set("webhooks." + key + ".existingConfigMap", "fluent-webhook-keys"));

        assertTrue(message.contains("webhooks." + key + ".existingSecret and webhooks." + key + ".existingConfigMap are both set"),
                message);
    }

    @Test
    void refusesAnIngressWithoutWebhooks() {
        String message = refusal(template -> template.set("webhooks.ingress.enabled", true)
                .set("webhooks.ingress.host", "webhooks.example.com"));

        assertTrue(message.contains("webhooks.ingress.enabled needs webhooks.enabled"), message);
    }

    @Test
    void refusesAnIngressWithoutAHost() {
        String message = refusal(template -> enabled(template).set("webhooks.ingress.enabled", true));

        assertTrue(message.contains("webhooks.ingress.host is required with webhooks.ingress.enabled"), message);
    }

    @Test
    void refusesAPolicyThatWouldKeepTheIngressControllerOut() {
        String message = refusal(template -> enabled(template)
                .set("networkPolicy.enabled", true).set("networkPolicy.egress.kafka.cidrs[0]", "10.0.0.0/8")
                .set("webhooks.ingress.enabled", true).set("webhooks.ingress.host", "webhooks.example.com"));

        assertTrue(message.contains("webhooks.ingress.controllerNamespaces is empty with networkPolicy.enabled and webhooks.ingress.enabled"),
                message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"webhooks", "hooks/fluent", "/webhooks/fluent?x=1", "/", "/hooks/{id}", "/hooks/fluent#x"})
    void refusesAPathThatIsNotAnAbsolutePath(String path) {
        // as the worker refuses them (WebhookConfiguration.PATH_PATTERN): no bare '/', no URI template
        String message = refusal(template -> enabled(template).set("webhooks.path", path));

        assertTrue(message.contains("schema") && message.contains("path"), message);
    }

    @Test
    void refusesExtraEnvAndExtraSecretEnvForEveryWebhookVariable() {
        assertAll(VARIABLES.stream().flatMap(name -> Stream.<Executable>of(
                () -> {
                    String message = refusal(template -> template.set("extraEnv." + name, "x"));
                    assertTrue(message.contains("invalid propertyName '" + name + "'"), message);
                },
                () -> {
                    String message = refusal(template -> template.set("extraSecretEnv." + name + ".secretName", "other")
                            .set("extraSecretEnv." + name + ".key", "value"));
                    assertTrue(message.contains("invalid propertyName '" + name + "'"), message);
                })));
    }
}
