package io.fluentkafka.worker.helm;

import static io.fluentkafka.worker.helm.HelmRendering.configData;
import static io.fluentkafka.worker.helm.HelmRendering.container;
import static io.fluentkafka.worker.helm.HelmRendering.list;
import static io.fluentkafka.worker.helm.HelmRendering.podSpec;
import static io.fluentkafka.worker.helm.HelmRendering.refusal;
import static io.fluentkafka.worker.helm.HelmRendering.render;
import static io.fluentkafka.worker.helm.HelmRendering.renderWith;
import static io.fluentkafka.worker.helm.HelmRendering.secretEnv;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kafka security as the worker reads it: protocol and mechanism in the ConfigMap, the JAAS line and every store or key
 * password only through secretKeyRef, the stores mounted as files from their Secrets. Also the log format.
 */
class HelmKafkaSecurityTest {

    @Test
    void connectsWithSaslPlainFromTheJaasLineInItsSecret() {
        Map<String, Map<String, Object>> objects = render(template -> template
                .set("kafka.securityProtocol", "SASL_PLAINTEXT").set("kafka.saslMechanism", "PLAIN")
                .set("kafka.existingSecret", "kafka-client"));

        assertAll(
                () -> assertEquals("SASL_PLAINTEXT", configData(objects).get("KAFKA_SECURITY_PROTOCOL")),
                () -> assertEquals("PLAIN", configData(objects).get("KAFKA_SASL_MECHANISM")),
                () -> assertEquals(Map.of("name", "kafka-client", "key", "sasl-jaas-config"),
                        secretEnv(objects).get("KAFKA_SASL_JAAS_CONFIG")),
                () -> assertFalse(configData(objects).keySet().stream().anyMatch(name -> name.startsWith("KAFKA_SSL_"))));
    }

    @Test
    void mountsBothStoresFromTheirSecretsAndReadsEveryPasswordFromThem() {
        Map<String, Map<String, Object>> objects = renderWith("all-features-values.yaml");
        Map<String, Object> data = configData(objects);
        Map<String, Object> env = secretEnv(objects);

        assertAll(
                () -> assertEquals("/etc/kafka/truststore/truststore.jks", data.get("KAFKA_SSL_TRUSTSTORE_LOCATION")),
                () -> assertEquals("JKS", data.get("KAFKA_SSL_TRUSTSTORE_TYPE")),
                () -> assertEquals("/etc/kafka/keystore/client.p12", data.get("KAFKA_SSL_KEYSTORE_LOCATION")),
                () -> assertEquals("PKCS12", data.get("KAFKA_SSL_KEYSTORE_TYPE")),
                () -> assertEquals(Map.of("name", "kafka-truststore", "key", "password"), env.get("KAFKA_SSL_TRUSTSTORE_PASSWORD")),
                () -> assertEquals(Map.of("name", "kafka-keystore", "key", "store-password"), env.get("KAFKA_SSL_KEYSTORE_PASSWORD")),
                () -> assertEquals(Map.of("name", "kafka-keystore", "key", "key-password"), env.get("KAFKA_SSL_KEY_PASSWORD")),
                () -> assertEquals(Map.of("name", "kafka-client", "key", "sasl-jaas-config"), env.get("KAFKA_SASL_JAAS_CONFIG")),
                () -> assertFalse(data.keySet().stream().anyMatch(name -> name.matches(".*(PASSWORD|JAAS).*")), data::toString));
    }

    @Test
    void projectsOnlyTheStoreFileOfEachSecretReadOnlyAtTheConfiguredLocation() {
        Map<String, Map<String, Object>> objects = renderWith("all-features-values.yaml");
        Map<String, Object> volumes = byName(list(podSpec(objects), "volumes"));
        Map<String, Object> mounts = byName(list(container(objects), "volumeMounts"));

        assertAll(
                () -> assertEquals(Map.of("name", "kafka-truststore", "secret", Map.of("secretName", "kafka-truststore",
                        "defaultMode", 0440, "items", List.of(Map.of("key", "truststore.jks", "path", "truststore.jks")))),
                        volumes.get("kafka-truststore")),
                () -> assertEquals(Map.of("name", "kafka-keystore", "secret", Map.of("secretName", "kafka-keystore",
                        "defaultMode", 0440, "items", List.of(Map.of("key", "client.p12", "path", "client.p12")))),
                        volumes.get("kafka-keystore")),
                () -> assertEquals(Map.of("name", "kafka-truststore", "mountPath", "/etc/kafka/truststore", "readOnly", true),
                        mounts.get("kafka-truststore")),
                () -> assertEquals(Map.of("name", "kafka-keystore", "mountPath", "/etc/kafka/keystore", "readOnly", true),
                        mounts.get("kafka-keystore")));
    }

    @Test
    void setsNoPasswordVariableForAStoreWithoutOne() {
        Map<String, Map<String, Object>> objects = render(template -> template
                .set("kafka.securityProtocol", "SSL").set("kafka.tls.truststore.existingSecret", "kafka-ca")
                .set("kafka.tls.truststore.fileKey", "ca.crt").set("kafka.tls.truststore.type", "PEM")
                .set("kafka.tls.truststore.passwordKey", ""));

        assertAll(
                () -> assertEquals("/etc/kafka/truststore/ca.crt", configData(objects).get("KAFKA_SSL_TRUSTSTORE_LOCATION")),
                () -> assertEquals("PEM", configData(objects).get("KAFKA_SSL_TRUSTSTORE_TYPE")),
                () -> assertEquals(List.of("FLUENT_USERNAME", "FLUENT_PASSWORD", "FLUENT_CLIENT_ID", "FLUENT_CLIENT_SECRET"),
                        List.copyOf(secretEnv(objects).keySet())),
                () -> assertFalse(configData(objects).containsKey("KAFKA_SSL_KEYSTORE_LOCATION")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "kafka.securityProtocol=SASL_SSL,kafka.existingSecret=kafka-client | kafka.saslMechanism is required with kafka.securityProtocol SASL_SSL",
        "kafka.securityProtocol=SASL_SSL,kafka.saslMechanism=PLAIN | kafka.existingSecret is required with kafka.securityProtocol SASL_SSL",
        "kafka.securityProtocol=SSL,kafka.saslMechanism=PLAIN | kafka.saslMechanism and kafka.existingSecret need kafka.securityProtocol SASL_",
        "kafka.existingSecret=kafka-client | kafka.saslMechanism and kafka.existingSecret need kafka.securityProtocol SASL_",
        "kafka.securityProtocol=SASL_PLAINTEXT,kafka.saslMechanism=PLAIN,kafka.existingSecret=c,kafka.tls.truststore.existingSecret=ts | kafka.tls.truststore and kafka.tls.keystore need kafka.securityProtocol SSL or SASL_SSL",
        "kafka.tls.keystore.existingSecret=ks | kafka.tls.truststore and kafka.tls.keystore need kafka.securityProtocol SSL or SASL_SSL",
        "kafka.securityProtocol=SASL_SSL,kafka.saslMechanism=GSSAPI,kafka.existingSecret=c | saslMechanism",
        "kafka.securityProtocol=SSL,kafka.tls.truststore.existingSecret=ca,kafka.tls.truststore.type=PEM | kafka.tls.truststore.passwordKey must be \"\" with kafka.tls.truststore.type PEM",
        "kafka.securityProtocol=SSL,kafka.tls.keystore.existingSecret=ks,kafka.tls.keystore.type=PEM | kafka.tls.keystore.passwordKey must be \"\" with kafka.tls.keystore.type PEM",
    })
    void refusesKafkaSecuritySettingsTheClientWouldMisreadOrIgnore(String settings, String expected) {
        String message = refusal(template -> {
            for (String setting : settings.split(",")) {
                String[] pair = setting.split("=", 2);
                template.set(pair[0], pair[1]);
            }
            return template;
        });

        assertTrue(message.contains(expected), message);
    }

    @Test
    void acceptsAPemKeystoreWithAKeyPasswordOnly() {
        Map<String, Map<String, Object>> objects = render(template -> template.set("kafka.securityProtocol", "SSL")
                .set("kafka.tls.keystore.existingSecret", "kafka-keystore").set("kafka.tls.keystore.type", "PEM")
                .set("kafka.tls.keystore.fileKey", "client.pem").set("kafka.tls.keystore.passwordKey", "")
                .set("kafka.tls.keystore.keyPasswordKey", "key-password"));

        assertAll(
                () -> assertEquals("PEM", configData(objects).get("KAFKA_SSL_KEYSTORE_TYPE")),
                () -> assertEquals(Map.of("name", "kafka-keystore", "key", "key-password"), secretEnv(objects).get("KAFKA_SSL_KEY_PASSWORD")),
                () -> assertFalse(secretEnv(objects).containsKey("KAFKA_SSL_KEYSTORE_PASSWORD")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka.tls.truststore.password", "kafka.tls.keystore.keyPassword", "kafka.saslJaasConfig",
        "autoscaling.keda.auth.password"})
    void takesNoSecretFromValues(String key) {
        String message = refusal(template -> template.set(key, "hunter2"));

        assertTrue(message.contains("schema") && message.contains("not allowed"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"KAFKA_SSL_TRUSTSTORE_PASSWORD", "KAFKA_SSL_KEYSTORE_PASSWORD", "KAFKA_SSL_KEY_PASSWORD",
        "KAFKA_SSL_KEYSTORE_LOCATION", "LOG_FORMAT"})
    void refusesExtraEnvForTheVariablesTheChartOwns(String name) {
        String message = refusal(template -> template.set("extraEnv." + name, "x"));

        assertTrue(message.contains("invalid propertyName '" + name + "'"), message);
    }

    @Test
    void readsExtraSecretVariablesFromTheirSecretsOnly() {
        Map<String, Map<String, Object>> objects = renderWith("all-features-values.yaml");
        var container = ((Deployment) StrictManifests.parse(HelmRendering.object(objects, "Deployment")))
                .getSpec().getTemplate().getSpec().getContainers().get(0);

        assertAll(
                () -> assertEquals(Map.of("name", "fluent-eu", "key", "password"),
                        secretEnv(objects).get("FLUENT_CONNECTIONS_EU_PASSWORD")),
                () -> assertEquals(Map.of("name", "fluent-eu", "key", "client-secret"),
                        secretEnv(objects).get("FLUENT_CONNECTIONS_EU_CLIENT_SECRET")),
                () -> assertTrue(container.getEnv().stream().anyMatch(variable -> variable.getName().equals("FLUENT_CONNECTIONS_EU_PASSWORD")
                        && variable.getValueFrom().getSecretKeyRef().getName().equals("fluent-eu"))),
                () -> assertFalse(configData(objects).keySet().stream().anyMatch(name -> name.startsWith("FLUENT_CONNECTIONS_EU_")
                        && !name.endsWith("_HOST")), configData(objects)::toString));
    }

    @ParameterizedTest
    @ValueSource(strings = {"FLUENT_CONNECTIONS_EU_PASSWORD", "FLUENT_CONNECTIONS_EU_CLIENT_SECRET", "my_jaas_line",
        "API_TOKEN", "fluent_connections_eu_password"})
    void refusesExtraEnvNamesThatLookLikeCredentials(String name) {
        String message = refusal(template -> template.set("extraEnv." + name, "hunter2"));

        assertTrue(message.contains("invalid propertyName '" + name + "'"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FLUENT_PASSWORD", "KAFKA_SASL_JAAS_CONFIG", "KAFKA_BOOTSTRAP_SERVERS"})
    void refusesExtraSecretEnvForTheVariablesTheChartOwns(String name) {
        String message = refusal(template -> template.set("extraSecretEnv." + name + ".secretName", "other")
                .set("extraSecretEnv." + name + ".key", "value"));

        assertTrue(message.contains("invalid propertyName '" + name + "'"), message);
    }

    @ParameterizedTest
    @CsvSource({"WORKER_TOPICS_UPDATE_ORDER, ''", "WORKER_OPERATIONS_CREATE_CUSTOMER_DOCUMENT, query"})
    void refusesExtraSecretEnvThatTheConfigMapAlsoSets(String name, String extraEnvValue) {
        String message = refusal(template -> {
            if (!extraEnvValue.isEmpty()) {
                template.set("extraEnv." + name, extraEnvValue);
            }
            return template.set("extraSecretEnv." + name + ".secretName", "other").set("extraSecretEnv." + name + ".key", "value");
        });

        assertTrue(message.contains("extraSecretEnv." + name + " is also set in the ConfigMap"), message);
    }

    @Test
    void logsJsonUnlessToldOtherwise() {
        assertAll(
                () -> assertEquals("json", configData(render(UnaryOperator.identity())).get("LOG_FORMAT")),
                () -> assertEquals("text", configData(renderWith("all-features-values.yaml")).get("LOG_FORMAT")),
                () -> assertTrue(refusal(template -> template.set("logFormat", "xml")).contains("logFormat"), "xml accepted"));
    }

    private static Map<String, Object> byName(List<Map<String, Object>> items) {
        Map<String, Object> byName = new LinkedHashMap<>();
        items.forEach(item -> byName.put((String) item.get("name"), item));
        return byName;
    }
}
