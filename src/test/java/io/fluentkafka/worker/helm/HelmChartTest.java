package io.fluentkafka.worker.helm;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.fluentkafka.worker.helm.HelmRendering.CHART;
import static io.fluentkafka.worker.helm.HelmRendering.FULLNAME;
import static io.fluentkafka.worker.helm.HelmRendering.at;
import static io.fluentkafka.worker.helm.HelmRendering.container;
import static io.fluentkafka.worker.helm.HelmRendering.podSpec;
import static io.fluentkafka.worker.helm.HelmRendering.render;
import static io.fluentkafka.worker.helm.HelmRendering.resource;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import io.fluentkafka.worker.operation.TestOperations;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Lints the chart in helm/fluent-kafka-worker and checks what it renders for the worker's configuration. helm-java
 * runs Helm in-process, so no helm binary is needed. The chart's own defaults must lint; rendering needs the three
 * values in required-values.yaml, which every render ({@link HelmRendering}) starts from. Scaling, Kafka security,
 * network and monitoring, and the typed checks of every object have their own Helm*Test classes.
 */
class HelmChartTest {

    /**
     * The command kinds the chart's default values must list under worker.topics.commands, each on topic
     * fluent.&lt;kind&gt;: the worker's operation catalogue, so that the chart and the worker cannot disagree on the kinds.
     */
    static final List<String> KINDS = TestOperations.kinds();

    private static Map<String, Map<String, Object>> typical;

    @BeforeAll
    static void renderTypicalInstall() {
        typical = render(template -> template.withValuesFile(resource("typical-values.yaml")));
    }

    @Test
    void passesStrictLintWithItsOwnDefaults() {
        LintResult result = new Helm(CHART).lint().strict().call();

        List<String> problems = result.getMessages().stream()
                .filter(message -> message.startsWith("[ERROR]") || message.startsWith("[WARNING]"))
                .toList();
        assertAll(
                () -> assertFalse(result.isFailed(), () -> "lint failed: " + result.getMessages()),
                () -> assertEquals(List.of(), problems));
    }

    @Test
    void probesTheHealthEndpointsOnTheHttpPort() {
        Map<String, Object> container = container(typical);

        assertAll(
                () -> assertEquals(List.of(Map.of("name", "http", "containerPort", 8080, "protocol", "TCP")),
                        container.get("ports")),
                () -> assertEquals(Map.of("path", "/health/liveness", "port", "http"), at(container, "startupProbe", "httpGet")),
                () -> assertEquals(Map.of("path", "/health/liveness", "port", "http"), at(container, "livenessProbe", "httpGet")),
                () -> assertEquals(Map.of("path", "/health/readiness", "port", "http"), at(container, "readinessProbe", "httpGet")),
                () -> assertEquals(30, at(container, "startupProbe").get("failureThreshold")),
                () -> assertEquals(5, at(container, "readinessProbe").get("periodSeconds")));
    }

    @Test
    void runsAsNonRootWithAReadOnlyRootFilesystemAndAWritableTmp() {
        Map<String, Object> pod = podSpec(typical);
        Map<String, Object> container = container(typical);

        assertAll(
                () -> assertEquals(Map.of("runAsNonRoot", true, "runAsUser", 10001, "runAsGroup", 10001, "fsGroup", 10001,
                        "seccompProfile", Map.of("type", "RuntimeDefault")), pod.get("securityContext")),
                () -> assertEquals(Map.of("readOnlyRootFilesystem", true, "allowPrivilegeEscalation", false,
                        "capabilities", Map.of("drop", List.of("ALL"))), container.get("securityContext")),
                () -> assertEquals(List.of(Map.of("name", "tmp", "emptyDir", Map.of())), pod.get("volumes")),
                () -> assertEquals(List.of(Map.of("name", "tmp", "mountPath", "/tmp")), container.get("volumeMounts")),
                () -> assertEquals(false, pod.get("automountServiceAccountToken")),
                () -> assertEquals(45, pod.get("terminationGracePeriodSeconds")));
    }

    @Test
    void requestsCpuAndMemoryButLimitsOnlyMemory() {
        assertEquals(Map.of("requests", Map.of("cpu", "250m", "memory", "384Mi"), "limits", Map.of("memory", "512Mi")),
                container(typical).get("resources"));
    }

    @Test
    void readsCredentialsOnlyFromTheExistingSecretsUnderTheConfiguredKeys() {
        Map<String, Object> env = new LinkedHashMap<>();
        for (Object variable : (List<?>) container(typical).get("env")) {
            env.put((String) at(variable).get("name"), at(variable, "valueFrom", "secretKeyRef"));
        }

        assertEquals(Map.of(
                "FLUENT_USERNAME", Map.of("name", "fluent-credentials", "key", "fluent-user"),
                "FLUENT_PASSWORD", Map.of("name", "fluent-credentials", "key", "fluent-pass"),
                "FLUENT_CLIENT_ID", Map.of("name", "fluent-credentials", "key", "oauth-client-id"),
                "FLUENT_CLIENT_SECRET", Map.of("name", "fluent-credentials", "key", "oauth-client-secret"),
                "KAFKA_SASL_JAAS_CONFIG", Map.of("name", "kafka-client", "key", "jaas")), env);
    }

    @Test
    void loadsTheNonSecretConfigurationFromItsConfigMap() {
        Map<String, Object> data = at(typical.get("ConfigMap/" + FULLNAME), "data");

        assertAll(
                () -> assertEquals(List.of(Map.of("configMapRef", Map.of("name", FULLNAME))), container(typical).get("envFrom")),
                () -> assertEquals("broker-0.kafka:9093,broker-1.kafka:9093", data.get("KAFKA_BOOTSTRAP_SERVERS")),
                () -> assertEquals("SASL_SSL", data.get("KAFKA_SECURITY_PROTOCOL")),
                () -> assertEquals("SCRAM-SHA-512", data.get("KAFKA_SASL_MECHANISM")),
                () -> assertEquals("https://ACME.sandbox.api.fluentretail.com", data.get("FLUENT_HOST")),
                () -> assertEquals("1", data.get("FLUENT_RETAILER_ID")),
                () -> assertEquals("Australia/Sydney", data.get("FLUENT_DEFAULT_TIMEZONE")),
                () -> assertEquals("acme-fluent-worker", data.get("WORKER_GROUP_ID")),
                () -> assertEquals("acme.create-customer", data.get("WORKER_TOPICS_CREATE_CUSTOMER")),
                () -> assertEquals("acme.create-product", data.get("WORKER_TOPICS_CREATE_PRODUCT")),
                () -> assertEquals("acme.graphql-request", data.get("WORKER_TOPICS_GRAPHQL_REQUEST")),
                () -> assertEquals("acme.get-current-user", data.get("WORKER_TOPICS_GET_CURRENT_USER")),
                () -> assertEquals("acme.get-customer-by-email", data.get("WORKER_TOPICS_GET_CUSTOMER_BY_EMAIL")),
                () -> assertEquals("acme.get-product", data.get("WORKER_TOPICS_GET_PRODUCT")),
                () -> assertEquals("acme.send-event", data.get("WORKER_TOPICS_SEND_EVENT")),
                () -> assertEquals("acme.replies", data.get("WORKER_TOPICS_REPLIES")),
                () -> assertEquals("-XX:MaxRAMPercentage=75 -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError", data.get("JAVA_TOOL_OPTIONS")),
                () -> assertEquals("prod", data.get("MICRONAUT_ENVIRONMENTS")));
    }

    @Test
    void keepsSecretMaterialOutOfTheConfigMapAndCreatesNoSecret() {
        Map<String, Object> data = at(typical.get("ConfigMap/" + FULLNAME), "data");

        assertAll(
                () -> assertTrue(data.keySet().stream().noneMatch(name -> name.matches(".*(USERNAME|PASSWORD|SECRET|CLIENT_ID|JAAS).*")),
                        () -> "secret-looking keys in " + data.keySet()),
                () -> assertTrue(typical.keySet().stream().noneMatch(resource -> resource.startsWith("Secret/")),
                        () -> "chart rendered a Secret: " + typical.keySet()));
    }

    @Test
    void rollsThePodsWhenTheConfigurationChanges() {
        String checksum = configChecksum(typical);
        String afterScaling = configChecksum(render(template -> template
                .withValuesFile(resource("typical-values.yaml")).set("replicaCount", 5)));
        String afterTopicChange = configChecksum(render(template -> template
                .withValuesFile(resource("typical-values.yaml")).set("worker.topics.replies", "acme.replies-v2")));
        String afterCommandTopicChange = configChecksum(render(template -> template
                .withValuesFile(resource("typical-values.yaml")).set("worker.topics.commands.create-customer", "acme.customers-v2")));

        assertAll(
                () -> assertTrue(checksum.matches("[0-9a-f]{64}"), checksum),
                () -> assertEquals(checksum, afterScaling),
                () -> assertNotEquals(checksum, afterTopicChange),
                () -> assertNotEquals(checksum, afterCommandTopicChange));
    }

    @Test
    void leavesOptionalSettingsToTheApplicationWhenUnset() {
        Map<String, Map<String, Object>> minimal = render(UnaryOperator.identity());
        Map<String, Object> data = at(minimal.get("ConfigMap/" + FULLNAME), "data");
        List<Object> envNames = ((List<?>) container(minimal).get("env")).stream().map(variable -> at(variable).get("name")).toList();

        assertAll(
                () -> assertNull(data.get("KAFKA_SECURITY_PROTOCOL")),
                () -> assertNull(data.get("KAFKA_SASL_MECHANISM")),
                () -> assertNull(data.get("FLUENT_RETAILER_ID")),
                () -> assertEquals("UTC", data.get("FLUENT_DEFAULT_TIMEZONE")),
                () -> assertEquals("fluent.create-customer", data.get("WORKER_TOPICS_CREATE_CUSTOMER")),
                () -> assertEquals("fluent-kafka-worker", data.get("WORKER_GROUP_ID")),
                () -> assertEquals("256", data.get("WORKER_MAX_IN_FLIGHT")),
                () -> assertEquals("2000", data.get("WORKER_MAX_BUFFERED")),
                () -> assertEquals("32MB", data.get("WORKER_MAX_BUFFERED_BYTES")),
                () -> assertEquals("20s", data.get("WORKER_SHUTDOWN_GRACE_PERIOD")),
                () -> assertEquals("2000ms", data.get("WORKER_INVENTORY_LINGER")),
                () -> assertEquals("false", data.get("WORKER_INVENTORY_AWAIT_COMPLETION")),
                () -> assertEquals(45, at(at(minimal.get("Deployment/" + FULLNAME), "spec").get("template"), "spec").get("terminationGracePeriodSeconds")),
                () -> assertEquals(List.of("FLUENT_USERNAME", "FLUENT_PASSWORD", "FLUENT_CLIENT_ID", "FLUENT_CLIENT_SECRET"), envNames),
                () -> assertEquals("fluent-kafka-worker:0.1.0", container(minimal).get("image")),
                () -> assertEquals(2, at(minimal.get("Deployment/" + FULLNAME), "spec").get("replicas")),
                () -> assertEquals("ClusterIP", at(minimal.get("Service/" + FULLNAME), "spec").get("type")));
    }

    @Test
    void listsExactlyTheWorkersCommandKindsOnTheirDefaultTopics() {
        Map<String, Object> values = at(new Yaml().load(readChartFile("values.yaml")));
        Map<String, Object> commands = at(values, "worker", "topics", "commands");
        Map<String, Object> data = at(render(UnaryOperator.identity()).get("ConfigMap/" + FULLNAME), "data");
        Map<String, Object> topicVariables = new LinkedHashMap<>();
        data.forEach((name, value) -> {
            if (name.startsWith("WORKER_TOPICS_")) {
                topicVariables.put(name, value);
            }
        });
        Map<String, Object> expectedVariables = new LinkedHashMap<>();
        for (String kind : KINDS) {
            expectedVariables.put("WORKER_TOPICS_" + kind.replace('-', '_').toUpperCase(Locale.ROOT), "fluent." + kind);
        }
        expectedVariables.put("WORKER_TOPICS_REPLIES", "fluent.replies");

        assertAll(
                () -> assertEquals(KINDS, commands.keySet().stream().sorted().toList()),
                () -> assertTrue(KINDS.stream().allMatch(kind -> ("fluent." + kind).equals(commands.get(kind))),
                        () -> "not every kind on fluent.<kind>: " + commands),
                () -> assertEquals(expectedVariables, topicVariables));
    }

    @Test
    void turnsEveryEntryOfTheCommandsMapIntoItsTopicVariable() {
        Map<String, Object> data = at(render(template -> template
                .set("worker.topics.commands.update-order", "team.orders")
                .set("worker.topics.commands.create-customer", "team.customers"))
                .get("ConfigMap/" + FULLNAME), "data");

        assertAll(
                () -> assertEquals("team.orders", data.get("WORKER_TOPICS_UPDATE_ORDER")),
                () -> assertEquals("team.customers", data.get("WORKER_TOPICS_CREATE_CUSTOMER")),
                () -> assertEquals("fluent.get-product", data.get("WORKER_TOPICS_GET_PRODUCT")),
                () -> assertEquals("fluent.replies", data.get("WORKER_TOPICS_REPLIES")));
    }

    @Test
    void leavesAKindRemovedFromTheCommandsMapToTheWorkersDefault() {
        Map<String, Object> data = at(render(template -> template.withValuesFile(resource("removed-kind-values.yaml")))
                .get("ConfigMap/" + FULLNAME), "data");

        assertAll(
                () -> assertFalse(data.containsKey("WORKER_TOPICS_GRAPHQL_REQUEST"), () -> "still set: " + data.keySet()),
                () -> assertEquals("fluent.create-customer", data.get("WORKER_TOPICS_CREATE_CUSTOMER")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"updateOrder", "Update-Order", "update_order", "update--order", "update-order-", "-update", "2fa",
            "replies", "dead-letter-suffix"})
    void refusesACommandKindThatIsNotAKebabCaseName(String kind) {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> render(template -> template.set("worker.topics.commands." + kind, "team.orders")));

        assertAll(
                () -> assertTrue(failure.getMessage().contains("schema"), failure.getMessage()),
                () -> assertTrue(failure.getMessage().contains("invalid propertyName '" + kind + "'"), failure.getMessage()));
    }

    @Test
    void refusesACommandTopicKafkaWouldRefuse() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> render(template -> template.set("worker.topics.commands.update-order", "team orders")));

        assertTrue(failure.getMessage().contains("update-order"), failure.getMessage());
    }

    @Test
    void refusesExtraEnvThatWouldOverrideACommandTopic() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> render(template -> template
                        .set("worker.topics.commands.update-order", "team.orders")
                        .set("extraEnv.WORKER_TOPICS_UPDATE_ORDER", "team.other-orders")));

        assertTrue(failure.getMessage().contains("extraEnv.WORKER_TOPICS_UPDATE_ORDER is set by the chart itself"),
                failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka.bootstrapServers", "fluent.host", "fluent.existingSecret"})
    void refusesToRenderWithoutARequiredValue(String missing) {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> render(template -> template.set(missing, "")));

        assertTrue(failure.getMessage().contains(missing + " is required"), failure.getMessage());
    }

    @Test
    void turnsAwaitingInventoryCompletionOn() {
        Map<String, Object> data = at(render(template -> template.set("worker.inventoryAwaitCompletion", true))
                .get("ConfigMap/" + FULLNAME), "data");

        assertEquals("true", data.get("WORKER_INVENTORY_AWAIT_COMPLETION"));
    }

    @Test
    void passesTheBufferedBytesBoundToTheWorkerInMegabytes() {
        Map<String, Object> data = at(render(template -> template.set("worker.maxBufferedMegabytes", 48))
                .get("ConfigMap/" + FULLNAME), "data");

        assertEquals("48MB", data.get("WORKER_MAX_BUFFERED_BYTES"));
    }

    @ParameterizedTest
    @ValueSource(ints = {41, 45, 60})
    void refusesAShutdownGracePeriodKubernetesWouldCutShort(int shutdownGracePeriodSeconds) {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> render(template -> template.set("worker.shutdownGracePeriodSeconds", shutdownGracePeriodSeconds)));

        assertTrue(failure.getMessage().contains("terminationGracePeriodSeconds (45) must be at least worker.shutdownGracePeriodSeconds ("
                + shutdownGracePeriodSeconds + ") + 5"), failure.getMessage());
    }

    @Test
    void leavesFiveSecondsAfterTheShutdownGracePeriodForTheJvmToExit() {
        Map<String, Map<String, Object>> longest = render(template -> template.set("worker.shutdownGracePeriodSeconds", 40));
        Map<String, Map<String, Object>> longer = render(template -> template
                .set("worker.shutdownGracePeriodSeconds", 55).set("terminationGracePeriodSeconds", 60));

        assertAll(
                () -> assertEquals("40s", at(longest.get("ConfigMap/" + FULLNAME), "data").get("WORKER_SHUTDOWN_GRACE_PERIOD")),
                () -> assertEquals(45, podSpec(longest).get("terminationGracePeriodSeconds")),
                () -> assertEquals("55s", at(longer.get("ConfigMap/" + FULLNAME), "data").get("WORKER_SHUTDOWN_GRACE_PERIOD")),
                () -> assertEquals(60, podSpec(longer).get("terminationGracePeriodSeconds")));
    }

    @Test
    void rejectsAValuesFileWithAnUnknownKey() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> render(template -> template.withValuesFile(resource("unknown-key-values.yaml"))));

        assertAll(
                () -> assertTrue(failure.getMessage().contains("schema"), failure.getMessage()),
                () -> assertTrue(failure.getMessage().contains("'pasword' not allowed"), failure.getMessage()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " UTC", "Pacific/Unknown-Timezone-Name-033"})
    void rejectsADefaultTimezoneTheWorkerWouldRefuse(String timezone) {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> render(template -> template.set("fluent.defaultTimezone", timezone)));

        assertTrue(failure.getMessage().contains("defaultTimezone"), failure.getMessage());
    }

    @Test
    void rejectsSecretVariablesInExtraEnv() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> render(template -> template.set("extraEnv.FLUENT_PASSWORD", "hunter2")));

        assertTrue(failure.getMessage().contains("invalid propertyName 'FLUENT_PASSWORD'"), failure.getMessage());
    }

    private static String configChecksum(Map<String, Map<String, Object>> resources) {
        Map<String, Object> annotations = at(resources.get("Deployment/" + FULLNAME), "spec", "template", "metadata", "annotations");
        return (String) annotations.get("checksum/config");
    }

    private static String readChartFile(String name) {
        try {
            return Files.readString(CHART.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
